/**
 * The shells the administration screens put their forms in, so each screen writes only its fields:
 * a dialog with one form (users, branches, series, passwords) and a settings form that stays on the screen
 * (organization, outgoing mail). Both show a refusal from main on top and Cancel/Save at the foot;
 * Enter in a field submits (a real <form>), Esc closes the dialog (Mantine's Modal).
 * `useFormShell` (recordForm.ts) submits the react-hook-form form to main and gives the shell what it shows.
 */
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text, Title, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Refusal } from './recordForm';

export { useFormShell } from './recordForm';

interface FormShellProps {
  /** Names the test ids: `${name}-dialog` / `${name}-form` on the form, `${name}-save` on its Save button. */
  name: string;
  /** What main refused, translated; shown above the fields. */
  failure: string | null;
  submitting: boolean;
  /** react-hook-form's `handleSubmit(...)`. */
  onSubmit(e: FormEvent<HTMLFormElement>): unknown;
  children: ReactNode;
}

/** A modal holding one form; Cancel closes it, Save submits it. */
export function FormDialog(p: FormShellProps & { title: string; size: MantineSize; onClose(): void }) {
  return (
    <Modal opened onClose={p.onClose} title={<Title order={5}>{p.title}</Title>} size={p.size}>
      <form onSubmit={p.onSubmit} noValidate data-testid={`${p.name}-dialog`}>
        <Stack gap={6}>
          <FormFailure message={p.failure} />
          {p.children}
          <SaveButtons mt={4} name={p.name} submitting={p.submitting} onCancel={p.onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * A form framed on the screen; Cancel puts back the stored values, both buttons wait for an edit,
 * and "saved" (`${name}-saved`) shows after a save until the next edit. Read-only: no buttons.
 */
export function SettingsForm(
  p: FormShellProps & { readOnly: boolean; dirty: boolean; saved: boolean; onReset(): void; /** Shown above the refusal. */ notice?: ReactNode },
) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs">
      <form onSubmit={p.onSubmit} noValidate data-testid={`${p.name}-form`}>
        <Stack gap={6}>
          {p.notice}
          <FormFailure message={p.failure} />
          {p.children}
          {!p.readOnly && (
            <SaveButtons name={p.name} submitting={p.submitting} disabled={!p.dirty} onCancel={p.onReset}>
              {p.saved && !p.dirty && (
                <Text size="sm" c="teal" data-testid={`${p.name}-saved`}>
                  {t('common.saved')}
                </Text>
              )}
            </SaveButtons>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function FormFailure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" p="xs">
      {message}
    </Alert>
  );
}

function SaveButtons(p: { name: string; submitting: boolean; disabled?: boolean; onCancel(): void; mt?: number; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs" mt={p.mt}>
      {p.children}
      <Button variant="default" disabled={p.disabled} onClick={p.onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={p.submitting} disabled={p.disabled} data-testid={`${p.name}-save`}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

/** A refusal above a record's fields; after a stale refusal, a button loads the other person's version. */
export function RecordFailure(p: { failure: Refusal | null; onReload(): void; testId: string; reloadTestId?: string }) {
  const { t } = useTranslation();
  if (!p.failure) return null;
  return (
    <Alert color="red" role="alert" p={6} data-testid={p.testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{p.failure.text}</Text>
        {p.failure.stale && (
          <Button size="compact-xs" variant="white" color="red" onClick={p.onReload} data-testid={p.reloadTestId}>
            {t('clients.reload')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
