import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Checkbox, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CODE_MAX, NAME_MAX } from '../../../shared/api/nomenclature';
import { hasClient, type ListKind } from './kinds';
import { ClientSelect } from './NomenclatureSelect';
import type { Draft, EditField, Editing } from './rowEdit';
import classes from './nomenclature.module.css';

/** A row of inputs in place of a row of the list: Tab between fields, Enter saves, Esc cancels. */
export function EditRow(p: { kind: ListKind; editing: Editing; saving: boolean; onChange(d: Draft): void; onSave(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { draft, error, row } = p.editing;
  const { saving } = p;
  const withClient = hasClient(p.kind);
  const err = (f: EditField) => (error?.field === f ? error.message : undefined);
  const first = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<Draft>) => p.onChange({ ...draft, ...patch });

  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  // Focus goes to the field main (or the contract) found fault with.
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (!error) return;
    rowRef.current?.querySelector<HTMLInputElement>(`[data-field="${error.field}"] input, input[data-field="${error.field}"]`)?.focus();
  }, [error]);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLTableRowElement>) => {
    // Keys meant for an open dropdown (picking a client) stay with it.
    const target = e.target as HTMLElement;
    if (target.getAttribute('aria-expanded') === 'true' || target.hasAttribute('data-expanded')) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onSave();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      p.onCancel();
    }
  };

  return (
    <Table.Tr
      ref={rowRef}
      className={classes.editing}
      onKeyDown={onKeyDown}
      // Typing again (a search in the client field included) takes the complaint away.
      onInput={() => error && p.onChange(draft)}
      data-testid="nomenclature-edit-row"
      data-key={row?.id}
    >
      <Table.Td>
        <TextInput
          ref={first}
          size="xs"
          value={draft.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
          maxLength={CODE_MAX}
          aria-label={t('fields.code')}
          placeholder={t('fields.code')}
          error={err('code')}
          data-field="code"
          disabled={saving}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          maxLength={NAME_MAX}
          aria-label={t('fields.name')}
          placeholder={t('fields.name')}
          error={err('name')}
          data-field="name"
          disabled={saving}
        />
      </Table.Td>
      {withClient && (
        <Table.Td>
          <ClientSelect
            size="xs"
            value={draft.client?.value ?? null}
            known={draft.client}
            onChange={(_, option) => set({ client: option })}
            aria-label={t('fields.clientId')}
            placeholder={t('nomenclature.pickClient')}
            error={err('clientId')}
            data-field="clientId"
            disabled={saving}
          />
        </Table.Td>
      )}
      {p.kind === 'product' && (
        <Table.Td>
          <Checkbox
            size="xs"
            mt={5}
            checked={draft.isSystem}
            onChange={(e) => set({ isSystem: e.currentTarget.checked })}
            aria-label={t('fields.isSystem')}
            error={err('isSystem')}
            disabled={saving}
          />
        </Table.Td>
      )}
      <Table.Td>
        {row ? (
          <Checkbox
            size="xs"
            mt={5}
            checked={draft.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
            aria-label={t('fields.active')}
            error={err('active')}
            disabled={saving}
            data-testid="nomenclature-edit-active"
          />
        ) : (
          <Text size="xs" c="dimmed" mt={5}>
            {t('nomenclature.new')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
