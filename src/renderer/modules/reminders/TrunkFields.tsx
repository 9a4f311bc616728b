import { Alert, Checkbox, Group, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CALLER_ID_MODES, TRUNK_TRANSPORTS } from '../../../shared/api/reminders';
import { CheckboxField, NumberField, SelectField } from '../../components/fields';
import { useNestedError } from './offsets';
import type { RemindersForm, Settings } from './remindersForm';

/**
 * The SIP trunk the calls leave through. The password is write-only: the field says a password is stored, blank keeps
 * it, the box forgets it. A note from main (the demo's "configured to nowhere") is shown above the fields.
 */
export function TrunkFields({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const { control, register, watch } = useFormContext<RemindersForm>();
  const err = useNestedError<RemindersForm>();
  const forget = watch('trunk.forget');
  const stored = settings.trunk.hasPassword;
  return (
    <Stack gap={6}>
      {settings.trunk.note && (
        <Alert color="yellow" p="xs" data-testid="rem-trunk-note">
          {settings.trunk.note}
        </Alert>
      )}
      <Group gap="lg">
        <CheckboxField<RemindersForm> control={control} name="trunk.enabled" label={t('remindersUi.trunkEnabled')} disabled={readOnly} data-testid="rem-trunk-enabled" />
        <CheckboxField<RemindersForm> control={control} name="trunk.register" label={t('remindersUi.register')} disabled={readOnly} data-testid="rem-trunk-register" />
      </Group>
      <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('remindersUi.host')} placeholder="sip.example.com" readOnly={readOnly} {...register('trunk.host')} error={err('trunk.host')} data-testid="rem-trunk-host" />
        <NumberField<RemindersForm> control={control} name="trunk.port" label={t('remindersUi.port')} min={1} max={65535} allowDecimal={false} thousandSeparator="" readOnly={readOnly} error={err('trunk.port')} data-testid="rem-trunk-port" />
        <SelectField<RemindersForm>
          control={control}
          name="trunk.transport"
          label={t('remindersUi.transport')}
          data={TRUNK_TRANSPORTS.map((v) => ({ value: v, label: v.toUpperCase() }))}
          allowDeselect={false}
          readOnly={readOnly}
          data-testid="rem-trunk-transport"
        />
        <TextInput label={t('remindersUi.domain')} placeholder={t('remindersUi.domainHint')} readOnly={readOnly} {...register('trunk.domain')} error={err('trunk.domain')} data-testid="rem-trunk-domain" />
        <TextInput label={t('remindersUi.user')} autoComplete="off" readOnly={readOnly} {...register('trunk.user')} error={err('trunk.user')} data-testid="rem-trunk-user" />
        <Stack gap={2}>
          <PasswordInput
            label={t('remindersUi.password')}
            placeholder={stored ? t('remindersUi.passwordSet') : ''}
            autoComplete="new-password"
            readOnly={readOnly}
            disabled={forget}
            {...register('trunk.password')}
            error={err('trunk.password')}
            data-testid="rem-trunk-password"
          />
          {stored && !readOnly && <Checkbox size="xs" label={t('remindersUi.forgetPassword')} {...register('trunk.forget')} data-testid="rem-trunk-forget" />}
        </Stack>
        <SelectField<RemindersForm>
          control={control}
          name="trunk.callerIdMode"
          label={t('remindersUi.callerIdMode')}
          data={CALLER_ID_MODES.map((v) => ({ value: v, label: t(`remindersUi.callerId.${v}`) }))}
          allowDeselect={false}
          readOnly={readOnly}
          data-testid="rem-trunk-callerid"
        />
        <NumberField<RemindersForm> control={control} name="trunk.channels" label={t('remindersUi.channels')} min={1} max={60} allowDecimal={false} readOnly={readOnly} error={err('trunk.channels')} data-testid="rem-trunk-channels" />
        <NumberField<RemindersForm> control={control} name="trunk.ringTimeoutSec" label={t('remindersUi.ringTimeout')} min={10} max={120} allowDecimal={false} readOnly={readOnly} error={err('trunk.ringTimeoutSec')} data-testid="rem-trunk-ring" />
        <NumberField<RemindersForm> control={control} name="trunk.maxCallSec" label={t('remindersUi.maxCall')} min={20} max={600} allowDecimal={false} readOnly={readOnly} error={err('trunk.maxCallSec')} data-testid="rem-trunk-maxcall" />
      </SimpleGrid>
    </Stack>
  );
}
