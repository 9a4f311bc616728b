import { useState } from 'react';
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';

/**
 * "Send a test message to …" of the mail and SMS screens: an address or a number, the button, and what came of it.
 * The message is queued; the outbox below shows it leave.
 */
export function TestSend({ channel }: { channel: 'mail' | 'sms' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [to, setTo] = useState('');
  const test = useApiMutation(channel === 'mail' ? 'mail.test' : 'sms.test', { onSuccess: () => qc.invalidateQueries({ queryKey: ['mail.outbox'] }) });
  const send = () => test.mutate({ to: to.trim() });
  const outcome = test.isSuccess ? { ok: true, text: t(`${channel}.testQueued`) } : test.isError ? { ok: false, text: errorText(t, test.error) } : null;
  const testId = `${channel}-test`;
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={t(`${channel}.testTo`)}
        type={channel === 'mail' ? 'email' : 'tel'}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && to.trim()) send();
        }}
        w={channel === 'mail' ? 320 : 240}
        data-testid={`${testId}-to`}
      />
      <Button variant="default" loading={test.isPending} disabled={!to.trim()} onClick={send} data-testid={`${testId}-send`}>
        {t(`${channel}.sendTest`)}
      </Button>
      {outcome && (
        // Darker than the theme's teal and red: small text on white keeps a 4.5:1 contrast.
        <Text size="sm" c={outcome.ok ? 'teal.9' : 'red.8'} role={outcome.ok ? 'status' : 'alert'} data-testid={`${testId}-result`}>
          {outcome.text}
        </Text>
      )}
    </Group>
  );
}
