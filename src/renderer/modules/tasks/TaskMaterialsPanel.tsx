import { useRef, useState } from 'react';
import { ActionIcon, Alert, Divider, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { lineNetMinor } from '../../../shared/rules/invoices/amounts';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { invoiceFormat } from '../invoices/money';
import { EMPTY_MATERIAL, FIELD_OF, MATERIAL_UNITS, materialInput, type Field, type MaterialDraft } from './materialInput';

type Task = Output<'tasks.get'>;
/**
 * What went into the job (a valve, a metre of pipe) beside its time: the task's materials at their price, each line's
 * net total in the invoices' currency; typed in one row and saved with Enter. Once the task is on an approved
 * invoice its materials are a document's and only read.
 */
export function TaskMaterialsPanel({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const list = useApiQuery('invoices.materials', { taskId: task.id });
  const terms = useApiQuery('invoices.materialTerms', {});
  const [draft, setDraft] = useState<MaterialDraft>(EMPTY_MATERIAL);
  const [bad, setBad] = useState<Partial<Record<Field, string>>>({});
  const first = useRef<HTMLInputElement>(null);
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'invoices.materials' });
  const save = useApiMutation('invoices.saveMaterial', {
    onSuccess: () => {
      setDraft(EMPTY_MATERIAL);
      refresh();
      first.current?.focus();
    },
    onError: (e) => {
      const field = FIELD_OF[apiError(e)?.field ?? ''];
      if (field) setBad({ [field]: t(apiError(e)!.key, { ...(apiError(e)!.params ?? {}), defaultValue: t('errors.internal') }) });
    },
  });
  const remove = useApiMutation('invoices.removeMaterial', { onSuccess: refresh });
  const currency = terms.data?.currency ?? 'EUR';
  const f = invoiceFormat(i18n.language);
  const rows = list.data ?? [];
  const invoiced = rows.some((m) => m.invoiced);
  const mayWrite = can('tasks', 'write') && !invoiced && task.status !== 'cancelled';
  const unitName = (code: string) => t(`taskMaterials.unit.${code}`, { defaultValue: code });
  const set = (k: keyof MaterialDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [k]: value }));
    setBad((b) => ({ ...b, [k]: undefined }));
  };
  const submit = () => {
    if (save.isPending) return;
    save.reset();
    const parsed = materialInput(draft, currency);
    if (!parsed.ok) return setBad(Object.fromEntries(parsed.fields.map((k) => [k, t('taskMaterials.notNumber')])));
    if (!parsed.value.name) return setBad({ name: t('errors.required') });
    setBad({});
    save.mutate({ taskId: task.id, ...parsed.value });
  };
  const onEnter = (e: React.KeyboardEvent) => {
    // An open unit list takes its own Enter (it marks it handled): that Enter picks a unit, not saves the row.
    if (e.key !== 'Enter' || e.defaultPrevented) return;
    e.preventDefault();
    submit();
  };
  // A refusal not about one of the row's fields (the task on an invoice, someone else's change) reads above the table.
  const general = [save.error, remove.error].find((e) => e && !FIELD_OF[apiError(e)?.field ?? '']);
  const total = rows.reduce((n, m) => n + lineNetMinor(m), 0);

  return (
    <Stack gap={4} data-testid="task-materials">
      <Divider label={t('taskMaterials.title')} labelPosition="left" />
      {general && (
        <Alert color="red" py={4} data-testid="materials-error">
          {errorText(t, general)}
        </Alert>
      )}
      {invoiced && (
        <Text size="xs" c="dimmed" data-testid="materials-invoiced">
          {t('taskMaterials.invoiced')}
        </Text>
      )}
      <Table fz="xs" verticalSpacing={2} data-testid="materials-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taskMaterials.name')}</Table.Th>
            <Table.Th ta="right">{t('taskMaterials.quantity')}</Table.Th>
            <Table.Th>{t('taskMaterials.unitLabel')}</Table.Th>
            <Table.Th ta="right">{t('taskMaterials.price')}</Table.Th>
            <Table.Th ta="right">{t('taskMaterials.vat')}</Table.Th>
            <Table.Th ta="right">{t('taskMaterials.total')}</Table.Th>
            <Table.Th aria-label={t('taskMaterials.remove')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="material-row">
              <Table.Td>{m.name}</Table.Td>
              <Table.Td ta="right">{f.quantity(m.quantityMilli)}</Table.Td>
              <Table.Td>{unitName(m.unit)}</Table.Td>
              <Table.Td ta="right">{f.money(m.unitPriceMinor, currency)}</Table.Td>
              <Table.Td ta="right">{m.vatBp === null ? t('taskMaterials.vatDefault', { rate: f.rate(terms.data?.vatBp ?? 0) }) : f.rate(m.vatBp)}</Table.Td>
              <Table.Td ta="right" data-testid="material-total">
                {f.money(lineNetMinor(m), currency)}
              </Table.Td>
              <Table.Td>
                {mayWrite && !m.invoiced && (
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('taskMaterials.remove')} onClick={() => remove.mutate({ id: m.id })} loading={remove.isPending} data-testid="material-remove">
                    ×
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7} c="dimmed">
                {t('taskMaterials.none')}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {rows.length > 0 && (
        <Text size="xs" ta="right">
          {t('taskMaterials.sum')}: <b data-testid="materials-sum">{f.money(total, currency)}</b>
        </Text>
      )}
      {mayWrite && (
        <Group gap="xs" align="flex-start" wrap="nowrap" data-testid="material-add" onKeyDown={onEnter}>
          <TextInput ref={first} size="xs" style={{ flex: 1 }} label={t('taskMaterials.name')} value={draft.name} onChange={(e) => set('name')(e.currentTarget.value)} error={bad.name} maxLength={200} data-testid="material-name" />
          <TextInput size="xs" w={70} label={t('taskMaterials.quantity')} value={draft.quantity} onChange={(e) => set('quantity')(e.currentTarget.value)} error={bad.quantity} inputMode="decimal" data-testid="material-quantity" />
          <Select size="xs" w={110} label={t('taskMaterials.unitLabel')} data={MATERIAL_UNITS.map((u) => ({ value: u, label: unitName(u) }))} value={draft.unit} onChange={(v) => set('unit')(v ?? 'H87')} error={bad.unit} allowDeselect={false} data-testid="material-unit" />
          <TextInput size="xs" w={130} label={`${t('taskMaterials.price')} (${currency})`} value={draft.price} onChange={(e) => set('price')(e.currentTarget.value)} error={bad.price} inputMode="decimal" data-testid="material-price" />
          <TextInput size="xs" w={70} label={t('taskMaterials.vatPercent')} placeholder={terms.data ? String(terms.data.vatBp / 100) : ''} value={draft.vat} onChange={(e) => set('vat')(e.currentTarget.value)} error={bad.vat} inputMode="decimal" data-testid="material-vat" />
        </Group>
      )}
      {mayWrite && (
        <Text size="xs" c="dimmed">
          {t('taskMaterials.enterHint')}
        </Text>
      )}
    </Stack>
  );
}
