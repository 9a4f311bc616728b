import { forwardRef, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Badge, Button, Group, Kbd, MultiSelect, TextInput, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, STATUSES, type GridFilters } from '../../../shared/api/interventions';
import { activeFilterCount, priorityLabel, statusLabel } from './model';
import { ClientSelect, UserSelect } from './selects';
import { NomenclatureSelect } from '../nomenclature/NomenclatureSelect';
import { DateField, INVALID } from './DateFields';
import { SearchBox } from '../../components/screen';

/** Typed text reaches main after a pause, so a search is one request, not one per key. */
function useDebouncedText(value: string | undefined, onCommit: (v: string) => void, ms = 300) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, ms);
  // Read when the pause ends: a filter set changed meanwhile is not a reason to send the text again.
  const latest = useRef({ value, onCommit });
  useLayoutEffect(() => {
    latest.current = { value, onCommit };
  });
  useEffect(() => {
    if ((latest.current.value ?? '') !== debounced.trim()) latest.current.onCommit(debounced.trim());
  }, [debounced]);
  // A cleared or loaded filter set replaces the text.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if ((value ?? '') !== text.trim()) setText(value ?? '');
  }
  return [text, setText] as const;
}

/** A filter on a fixed list (status, priority): several may be chosen; none chosen is no filter. */
function ListFilter<V extends string>(p: { label: string; w: number; options: readonly V[]; labelOf(v: V): string; value: V[] | undefined; onChange(v: V[] | undefined): void; testId: string }) {
  return (
    <MultiSelect
      label={p.label}
      w={p.w}
      styles={{ pillsList: { flexWrap: 'nowrap', overflow: 'hidden' } }}
      data={p.options.map((v) => ({ value: v, label: p.labelOf(v) }))}
      value={p.value ?? []}
      onChange={(v) => p.onChange(v.length ? (v as V[]) : undefined)}
      clearable
      comboboxProps={{ zIndex: 400 }}
      data-testid={p.testId}
    />
  );
}

/**
 * The seed's nine filters (document date range, client, taken by, classification, verified by, address, commercial zone,
 * classifications 2 and 3), plus status, priority and a quick search over number, client, phone and notes.
 */
export const FilterBar = forwardRef<HTMLInputElement, { filters: GridFilters; onChange(f: GridFilters): void; onFocusGrid(afterReload: boolean): void }>(function FilterBar({ filters, onChange, onFocusGrid }, searchRef) {
  const { t } = useTranslation();
  const set = <K extends keyof GridFilters>(k: K, v: GridFilters[K] | null | '') => onChange({ ...filters, [k]: v === null || v === '' ? undefined : v });
  const [search, setSearch] = useDebouncedText(filters.search, (v) => set('search', v));
  const [address, setAddress] = useDebouncedText(filters.address, (v) => set('address', v));
  const n = activeFilterCount(filters);
  const w = 150;
  // The seed's less used filters sit on a second row a person opens (remembered); what is set there is counted on the button.
  const [more, setMore] = useLocalStorage({ key: 'planora.interventions.moreFilters', defaultValue: false });
  const hidden = (['responsibleId', 'address', 'zoneId', 'classificationId', 'classification2Id', 'classification3Id'] as const).filter((k) => filters[k]).length;

  return (
    <div data-testid="filter-bar" className="pl-filters">
    {/* At 1366 px one row, every hint whole; a longer language wraps rather than cuts. */}
    <Group gap={6} wrap="wrap" align="flex-end">
      <SearchBox
        ref={searchRef}
        label={
          <>
            {t('interventions.filters.search')} <Kbd size="xs">Ctrl+F</Kbd>
          </>
        }
        keyInside={false}
        w={216}
        value={search}
        onValueChange={setSearch}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            e.preventDefault();
            e.stopPropagation();
            setSearch('');
          } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
            // ↓ or Enter: to the grid, the search is applied at once.
            e.preventDefault();
            const changed = search.trim() !== (filters.search ?? '');
            if (changed) set('search', search.trim());
            onFocusGrid(changed);
          }
        }}
        placeholder={t('interventions.filters.searchHint')}
        data-testid="filter-search"
      />
      <DateField label={t('interventions.filters.dateFrom')} w={132} value={filters.dateFrom} onChange={(v) => !v.startsWith(INVALID) && set('dateFrom', v)} data-testid="filter-date-from" />
      <DateField label={t('interventions.filters.dateTo')} w={132} value={filters.dateTo} onChange={(v) => !v.startsWith(INVALID) && set('dateTo', v)} data-testid="filter-date-to" />
      <ClientSelect label={t('interventions.col.client')} w={124} value={filters.clientId} onChange={(v) => set('clientId', v)} data-testid="filter-client" />
      <UserSelect label={t('interventions.col.takenBy')} w={116} value={filters.takenById} onChange={(v) => set('takenById', v)} data-testid="filter-taken-by" />
      <ListFilter label={t('interventions.col.status')} w={110} options={STATUSES} labelOf={(v) => statusLabel(t, v)} value={filters.statuses} onChange={(v) => set('statuses', v)} testId="filter-status" />
      <ListFilter label={t('interventions.col.priority')} w={92} options={PRIORITIES} labelOf={(v) => priorityLabel(t, v)} value={filters.priorities} onChange={(v) => set('priorities', v)} testId="filter-priority" />
      <Button
        variant={more ? 'light' : 'default'}
        onClick={() => setMore((m) => !m)}
        data-testid="filter-more"
        rightSection={hidden ? <Badge size="xs" circle>{hidden}</Badge> : more ? '▴' : '▾'}
        style={{ flexShrink: 0 }}
      >
        {t('interventions.filters.moreLabel')}
      </Button>
      <Tooltip label={t('interventions.filters.clearHint')}>
        <Button variant="subtle" color="gray" px={8} disabled={n === 0} onClick={() => onChange({})} data-testid="filter-clear" style={{ flexShrink: 0 }}>
          {n ? t('interventions.filters.clear', { count: n }) : t('interventions.filters.clearNone')}
        </Button>
      </Tooltip>
    </Group>
    {more && (
    <Group gap={6} wrap="nowrap" align="flex-end" mt={4} data-testid="filter-more-row">
      <UserSelect label={t('interventions.filters.responsible')} w={w} value={filters.responsibleId} onChange={(v) => set('responsibleId', v)} data-testid="filter-responsible" />
      <TextInput label={t('interventions.col.address')} w={w} value={address} maxLength={200} onChange={(e) => setAddress(e.currentTarget.value)} data-testid="filter-address" />
      <NomenclatureSelect kind="zone" label={t('interventions.col.zone')} w={w} value={filters.zoneId} onChange={(v) => set('zoneId', v)} data-testid="filter-zone" />
      <NomenclatureSelect kind="classification" label={t('interventions.col.classification')} w={w} value={filters.classificationId} onChange={(v) => set('classificationId', v)} data-testid="filter-class1" />
      <NomenclatureSelect kind="classification2" label={t('interventions.col.classification2')} w={w} value={filters.classification2Id} onChange={(v) => set('classification2Id', v)} data-testid="filter-class2" />
      <NomenclatureSelect kind="classification3" label={t('interventions.col.classification3')} w={w} value={filters.classification3Id} onChange={(v) => set('classification3Id', v)} data-testid="filter-class3" />
    </Group>
    )}
    </div>
  );
});
