import { useMemo, useState } from 'react';
import { Badge, Code, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { DOC_TYPES, type SeriesRow } from '../../../shared/api/admin';
import type { BranchRow } from '../../../shared/api/organization';
import { formatDocNumber } from '../../../shared/rules/series';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { FormDialog, useFormShell } from '../../components/FormDialog';
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, cleanedResolver, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { CheckboxField, NumberField, SelectField } from '../../components/fields';

type DocType = (typeof DOC_TYPES)[number];
type SeriesForm = { docType: DocType; branchId: string; prefix: string; padding: number | string; nextNumber: number | string; active: boolean };
const SERIES_FIELDS = ['docType', 'branchId', 'prefix', 'padding', 'nextNumber', 'active'];

/** The number the series will hand out next, as it will be printed. */
export function previewOf(prefix: string, nextNumber: number, padding: number): string {
  return formatDocNumber(prefix, nextNumber, padding);
}

export function SeriesScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('series', 'write');
  const [docType, setDocType] = useState<DocType | null>(null);
  const input = docType ? { docType } : {};
  const series = useApiQuery('series.list', input);
  const branches = useApiQuery('branches.list', {});
  const branchName = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b.name])), [branches.data]);

  const [editing, setEditing] = useState<SeriesRow | 'new' | null>(null);
  const list = useListSelection(series.data, (s) => s.id, series.isLoading);
  const { current } = list;
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => ['series.list', 'branches.list'].includes(String(q.queryKey[0])) });
  useScreenKeys({ enabled: !editing, onInsert: canWrite ? () => setEditing('new') : undefined, onRefresh: refresh });

  const docTypes = DOC_TYPES.map((d) => ({ value: d, label: t(`series.docTypes.${d}`) }));
  const columns: Column<SeriesRow>[] = [
    { key: 'docType', header: t('fields.docType'), render: (s) => t(`series.docTypes.${s.docType}`), width: 150 },
    { key: 'branch', header: t('series.branch'), render: (s) => branchName.get(s.branchId) ?? '', width: 160 },
    { key: 'prefix', header: t('fields.prefix'), render: (s) => s.prefix, width: 110 },
    { key: 'padding', header: t('fields.padding'), render: (s) => s.padding, width: 70, align: 'right' },
    { key: 'nextNumber', header: t('fields.nextNumber'), render: (s) => fmt.number(s.nextNumber), width: 110, align: 'right' },
    { key: 'preview', header: t('series.preview'), render: (s) => <Code fz="sm">{previewOf(s.prefix, s.nextNumber, s.padding)}</Code> },
    {
      key: 'active',
      header: t('fields.active'),
      width: 90,
      render: (s) => (
        <Badge size="xs" variant="light" color={s.active ? 'teal' : 'gray'}>
          {s.active ? t('common.yes') : t('common.no')}
        </Badge>
      ),
    },
  ];

  return (
    <div className="planora-page" data-testid="series-screen">
      <ScreenHeader title={t('series.title')}>
        <Select
          aria-label={t('fields.docType')}
          placeholder={t('series.allTypes')}
          data={docTypes}
          value={docType}
          onChange={(v) => setDocType(v as DocType | null)}
          clearable
          w={170}
          data-testid="series-filter"
        />
        {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={() => setEditing('new')} data-testid="series-add" />}
        {canWrite && <KeyButton label={t('common.edit')} keys="Enter" disabled={!current} onClick={() => current && setEditing(current)} data-testid="series-edit" />}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={series.error ? errorText(t, series.error) : null} onClose={refresh} />
      <ListTable
        label={t('series.title')}
        testId="series-table"
        columns={columns}
        {...list.table}
        dimmed={(s) => !s.active}
        onOpen={canWrite ? (s) => setEditing(s) : undefined}
      />
      {editing && (
        <SeriesDialog
          series={editing === 'new' ? null : editing}
          branches={branches.data ?? []}
          defaultDocType={docType ?? 'intervention'}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            list.select(s.id);
            void qc.invalidateQueries({ queryKey: ['series.list'] });
          }}
        />
      )}
    </div>
  );
}

function SeriesDialog(p: { series: SeriesRow | null; branches: BranchRow[]; defaultDocType: DocType; onClose(): void; onSaved(s: SeriesRow): void }) {
  const { t } = useTranslation();
  const s = p.series;
  const isNew = !s;
  const toNumber = (v: number | string) => (v === '' ? undefined : Number(v));
  const form = useForm({
    resolver: cleanedResolver(isNew ? api['series.create'].input : api['series.update'].input, (v: SeriesForm) =>
      isNew
        ? { docType: v.docType, branchId: v.branchId || undefined, prefix: v.prefix, padding: toNumber(v.padding), nextNumber: toNumber(v.nextNumber) }
        : { id: s.id, prefix: v.prefix, padding: toNumber(v.padding), nextNumber: toNumber(v.nextNumber), active: v.active },
    ),
    defaultValues: {
      docType: s?.docType ?? p.defaultDocType,
      branchId: s?.branchId ?? (p.branches.length === 1 ? p.branches[0]!.id : ''),
      prefix: s?.prefix ?? '',
      padding: s?.padding ?? 6,
      nextNumber: s?.nextNumber ?? 1,
      active: s?.active ?? true,
    },
  });
  const { register, control } = form;
  const [prefix, padding, nextNumber] = useWatch({ control, name: ['prefix', 'padding', 'nextNumber'] });
  const preview = Number.isInteger(Number(nextNumber)) && Number(padding) >= 1 && Number(padding) <= 10 ? previewOf(prefix, Number(nextNumber), Number(padding)) : '';

  const { err, shell } = useFormShell(form, SERIES_FIELDS, async (values) => {
    // What the resolver hands on carries the id only for an existing series.
    const row = 'id' in values ? await call('series.update', values) : await call('series.create', values);
    p.onSaved(row);
    p.onClose();
  });

  return (
    <FormDialog name="series" title={isNew ? t('series.newSeries') : t('series.editSeries')} size="md" onClose={p.onClose} {...shell}>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <SelectField
          control={control}
          name="docType"
          label={t('fields.docType')}
          data={DOC_TYPES.map((d) => ({ value: d, label: t(`series.docTypes.${d}`) }))}
          allowDeselect={false}
          disabled={!isNew}
          error={err('docType')}
        />
        <SelectField
          control={control}
          name="branchId"
          label={t('series.branch')}
          data={p.branches.map((b) => ({ value: b.id, label: b.name }))}
          allowDeselect={false}
          disabled={!isNew}
          error={err('branchId')}
        />
        <TextInput label={t('fields.prefix')} description={t('series.prefixHint')} data-autofocus {...register('prefix')} error={err('prefix')} />
        <NumberField
          control={control}
          name="padding"
          label={t('fields.padding')}
          description={t('series.paddingHint')}
          min={1}
          max={10}
          allowDecimal={false}
          error={err('padding')}
        />
        <NumberField
          control={control}
          name="nextNumber"
          label={t('fields.nextNumber')}
          description={isNew ? undefined : t('series.nextNumberHint')}
          min={1}
          max={999_999_999}
          allowDecimal={false}
          error={err('nextNumber')}
          data-testid="series-next-number"
        />
        <Stack gap={2} justify="flex-end">
          <Text size="xs" fw={500}>
            {t('series.preview')}
          </Text>
          <Code fz="md" data-testid="series-preview">
            {preview || '—'}
          </Code>
        </Stack>
      </SimpleGrid>
      {!isNew && (
        <CheckboxField control={control} name="active" label={t('fields.active')} mt={4} />
      )}
    </FormDialog>
  );
}
