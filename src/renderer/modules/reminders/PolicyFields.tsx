import { SimpleGrid, TagsInput, Text, TextInput, type TagsInputProps } from '@mantine/core';
import { Controller, useFormContext, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REMINDER_CHANNELS } from '../../../shared/api/reminders';
import { CheckboxField, NumberField, SelectField } from '../../components/fields';
import { OFFSET_SUGGESTIONS, useNestedError } from './offsets';
import type { RemindersForm } from './remindersForm';

/** The offsets of a reminder as tags: typed ("90m", "2d") or picked, Enter adds, Backspace removes the last. */
export function OffsetsField<T extends FieldValues>({ control, name, ...input }: { control: Control<T, any, any>; name: FieldPath<T> } & Omit<TagsInputProps, 'value' | 'onChange' | 'name'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <TagsInput data={OFFSET_SUGGESTIONS} maxTags={4} splitChars={[',', ' ']} clearable {...input} value={field.value as string[]} onChange={field.onChange} onBlur={field.onBlur} ref={field.ref} />
      )}
    />
  );
}

export function useChannelOptions() {
  const { t } = useTranslation();
  return REMINDER_CHANNELS.map((c) => ({ value: c, label: t(`remindersUi.channel.${c}`) }));
}

/**
 * The organization's policy: on or off, quiet hours on each branch's clock, retries, the default offsets and channel,
 * the extra reminder for risky visits, and the daily cap (only the owner raises it: main refuses anyone else).
 */
export function PolicyFields({ readOnly, canRaiseCap }: { readOnly: boolean; canRaiseCap: boolean }) {
  const { t } = useTranslation();
  const { control, register } = useFormContext<RemindersForm>();
  const err = useNestedError<RemindersForm>();
  const channels = useChannelOptions();
  return (
    <>
      <CheckboxField<RemindersForm> control={control} name="policy.enabled" label={t('remindersUi.enabled')} description={t('remindersUi.enabledHint')} disabled={readOnly} data-testid="rem-enabled" />
      <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs" verticalSpacing={6}>
        <TextInput placeholder={t('remindersUi.timeHint')} maxLength={5} label={t('remindersUi.quietStart')} readOnly={readOnly} {...register('policy.quietStart')} error={err('policy.quietStart')} data-testid="rem-quiet-start" />
        <TextInput placeholder={t('remindersUi.timeHint')} maxLength={5} label={t('remindersUi.quietEnd')} readOnly={readOnly} {...register('policy.quietEnd')} error={err('policy.quietEnd')} data-testid="rem-quiet-end" />
        <NumberField<RemindersForm> control={control} name="policy.maxRetries" label={t('remindersUi.maxRetries')} min={0} max={5} allowDecimal={false} readOnly={readOnly} error={err('policy.maxRetries')} data-testid="rem-max-retries" />
        <NumberField<RemindersForm> control={control} name="policy.retryLongMin" label={t('remindersUi.retryLong')} min={5} max={240} allowDecimal={false} readOnly={readOnly} error={err('policy.retryLongMin')} data-testid="rem-retry-long" />
        <NumberField<RemindersForm> control={control} name="policy.retryShortMin" label={t('remindersUi.retryShort')} min={2} max={60} allowDecimal={false} readOnly={readOnly} error={err('policy.retryShortMin')} data-testid="rem-retry-short" />
        <NumberField<RemindersForm>
          control={control}
          name="dailyCap"
          label={t('remindersUi.dailyCap')}
          description={canRaiseCap ? undefined : t('remindersUi.capOwnerOnly')}
          min={0}
          allowDecimal={false}
          readOnly={readOnly || !canRaiseCap}
          error={err('dailyCap')}
          data-testid="rem-daily-cap"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
        <OffsetsField<RemindersForm>
          control={control}
          name="policy.offsets"
          label={t('remindersUi.offsets')}
          description={t('remindersUi.offsetsHint')}
          readOnly={readOnly}
          error={err('policy.offsets')}
          data-testid="rem-offsets"
        />
        <SelectField<RemindersForm> control={control} name="policy.channel" label={t('remindersUi.channelLabel')} data={channels} allowDeselect={false} readOnly={readOnly} data-testid="rem-channel" />
        <TextInput
          label={t('remindersUi.riskOffset')}
          description={t('remindersUi.riskOffsetHint')}
          placeholder={t('remindersUi.none')}
          readOnly={readOnly}
          {...register('policy.riskOffset')}
          error={err('policy.riskOffset')}
          data-testid="rem-risk-offset"
        />
        <NumberField<RemindersForm> control={control} name="policy.riskThreshold" label={t('remindersUi.riskThreshold')} min={0} max={100} allowDecimal={false} readOnly={readOnly} error={err('policy.riskThreshold')} data-testid="rem-risk-threshold" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('remindersUi.quietHint')}
      </Text>
    </>
  );
}
