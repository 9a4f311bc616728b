import { Button, Checkbox, CloseButton, Group, PasswordInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useFieldArray, useFormContext, get } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SMS_BODY_FORMATS, SMS_HTTP_METHODS } from '../../../shared/api/sms';
import { SelectField } from '../../components/fields';
import type { Settings, SmsForm } from './smsForm';

/** The fields of the chosen gateway: Twilio's account, or the generic HTTP request (method, URL, headers, body template). */

function useFieldError() {
  const { formState } = useFormContext<SmsForm>();
  return (path: string) => (get(formState.errors, path) as { message?: string } | undefined)?.message;
}

function SecretInput(p: { path: 'twilio' | 'http'; field: 'authToken' | 'secret'; label: string; stored: boolean; readOnly: boolean; testId: string }) {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<SmsForm>();
  const err = useFieldError();
  const forget = watch(`${p.path}.forget`);
  const name = `${p.path}.${p.field}` as 'twilio.authToken' | 'http.secret';
  return (
    <Stack gap={2}>
      <PasswordInput
        label={p.label}
        placeholder={p.stored ? t('sms.secretKept') : ''}
        autoComplete="new-password"
        readOnly={p.readOnly}
        disabled={forget}
        {...register(name)}
        error={err(name)}
        data-testid={p.testId}
      />
      {p.stored && !p.readOnly && <Checkbox size="xs" label={t('sms.forgetSecret')} {...register(`${p.path}.forget`)} />}
    </Stack>
  );
}

export function TwilioFields({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const { register } = useFormContext<SmsForm>();
  const err = useFieldError();
  return (
    <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" verticalSpacing={6}>
      <TextInput label={t('sms.baseUrl')} placeholder="https://api.twilio.com" readOnly={readOnly} {...register('twilio.baseUrl')} error={err('twilio.baseUrl')} data-testid="sms-twilio-url" />
      <TextInput label={t('sms.accountSid')} placeholder="AC…" autoComplete="off" readOnly={readOnly} {...register('twilio.accountSid')} error={err('twilio.accountSid')} data-testid="sms-twilio-sid" />
      <SecretInput path="twilio" field="authToken" label={t('sms.authToken')} stored={settings.twilio.hasAuthToken} readOnly={readOnly} testId="sms-twilio-token" />
    </SimpleGrid>
  );
}

export function HttpFields({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const { register, control, watch } = useFormContext<SmsForm>();
  const err = useFieldError();
  const headers = useFieldArray({ control, name: 'http.headers' });
  const method = watch('http.method');
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <SelectField control={control} name="http.method" label={t('sms.method')} data={[...SMS_HTTP_METHODS]} allowDeselect={false} readOnly={readOnly} w={110} data-testid="sms-http-method" />
        <TextInput label={t('sms.url')} placeholder="https://sms.example.com/send" readOnly={readOnly} {...register('http.url')} error={err('http.url')} style={{ flex: 1 }} data-testid="sms-http-url" />
        {method !== 'GET' && (
          <SelectField
            control={control}
            name="http.format"
            label={t('sms.format')}
            data={SMS_BODY_FORMATS.map((f) => ({ value: f, label: f === 'json' ? 'JSON' : t('sms.formatForm') }))}
            allowDeselect={false}
            readOnly={readOnly}
            w={200}
            data-testid="sms-http-format"
          />
        )}
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('sms.headers')}
        </Text>
        {headers.fields.map((h, i) => (
          <Group key={h.id} gap="xs" wrap="nowrap">
            <TextInput aria-label={t('sms.headerName')} placeholder={t('sms.headerName')} readOnly={readOnly} {...register(`http.headers.${i}.name`)} error={err(`http.headers.${i}.name`)} w={220} data-testid={`sms-header-name-${i}`} />
            <TextInput aria-label={t('sms.headerValue')} placeholder={t('sms.headerValue')} readOnly={readOnly} {...register(`http.headers.${i}.value`)} error={err(`http.headers.${i}.value`)} style={{ flex: 1 }} data-testid={`sms-header-value-${i}`} />
            {!readOnly && (
              <CloseButton size="lg" aria-label={t('sms.removeHeader')} onClick={() => headers.remove(i)} data-testid={`sms-header-remove-${i}`} />
            )}
          </Group>
        ))}
        {err('http.headers') && (
          <Text size="xs" c="red">
            {err('http.headers')}
          </Text>
        )}
        {!readOnly && headers.fields.length < 10 && (
          <Button size="xs" variant="subtle" onClick={() => headers.append({ name: '', value: '' })} w="fit-content" data-testid="sms-header-add">
            {t('sms.addHeader')}
          </Button>
        )}
      </Stack>
      {method !== 'GET' && (
        <Textarea
          label={t('sms.bodyTemplate')}
          description={t('sms.placeholdersHint')}
          autosize
          minRows={2}
          maxRows={8}
          readOnly={readOnly}
          styles={{ input: { fontFamily: 'monospace' } }}
          {...register('http.bodyTemplate')}
          error={err('http.bodyTemplate')}
          data-testid="sms-http-body"
        />
      )}
      <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs">
        <SecretInput path="http" field="secret" label={t('sms.secret')} stored={settings.http.hasSecret} readOnly={readOnly} testId="sms-http-secret" />
      </SimpleGrid>
    </Stack>
  );
}
