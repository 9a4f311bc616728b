import { useState } from 'react';
import { Button, Group, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { errorText } from '../../app/errors';

/** "Send a test message to …" of the mail and SMS screens: an address or a number, the button, and what came of it. */

export interface SendOutcome {
  ok: boolean;
  text: string;
}

/** What a test call's mutation came to, in words: queued, or the refusal. */
export function outcomeOf(t: TFunction, m: { isSuccess: boolean; isError: boolean; error: unknown }, queued: string): SendOutcome | null {
  if (m.isSuccess) return { ok: true, text: queued };
  return m.isError ? { ok: false, text: errorText(t, m.error) } : null;
}

export function TestSend(p: { testId: string; label: string; button: string; type: 'email' | 'tel'; width: number; pending: boolean; outcome: SendOutcome | null; onSend(to: string): void }) {
  const [to, setTo] = useState('');
  const send = () => p.onSend(to.trim());
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={p.label}
        type={p.type}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && to.trim()) send();
        }}
        w={p.width}
        data-testid={`${p.testId}-to`}
      />
      <Button variant="default" loading={p.pending} disabled={!to.trim()} onClick={send} data-testid={`${p.testId}-send`}>
        {p.button}
      </Button>
      {p.outcome && (
        // Darker than the theme's teal and red: small text on white keeps a 4.5:1 contrast.
        <Text size="sm" c={p.outcome.ok ? 'teal.9' : 'red.8'} role={p.outcome.ok ? 'status' : 'alert'} data-testid={`${p.testId}-result`}>
          {p.outcome.text}
        </Text>
      )}
    </Group>
  );
}
