import { forwardRef, useMemo, useState, type ReactNode } from 'react';
import { Group, Select, Text, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';

type BaseProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null | undefined;
  onChange(value: string | null): void;
};

/**
 * A select for the keyboard: type to filter (the first match is highlighted, Enter takes it), ↓ opens the list,
 * erasing the text clears the value, and Enter with the list closed submits the form. It never pops open on Tab.
 */
export const KeySelect = forwardRef<HTMLInputElement, BaseProps & { data: ComboboxItem[]; onSearch?(s: string): void; serverFiltered?: boolean }>(function KeySelect(
  { value, onChange, data, onSearch, serverFiltered, ...rest },
  ref,
) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  return (
    <Select
      dropdownOpened={opened}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      ref={ref}
      searchable
      clearable
      allowDeselect={false}
      openOnFocus={false}
      selectFirstOptionOnChange
      nothingFoundMessage={t('interventions.nothingFound')}
      limit={200}
      maxDropdownHeight={280}
      comboboxProps={{ zIndex: 400 }}
      {...rest}
      data={data}
      value={value ?? null}
      onChange={(v, option) => {
        // Controlled: the box shows the chosen label at once, even while a list is refetched.
        setSearch(option?.label ?? '');
        onChange(v);
      }}
      searchValue={search}
      onSearchChange={(s) => {
        setSearch(s);
        onSearch?.(s);
      }}
      onInput={(e) => {
        // Erasing the text (not a blur or a reset) clears the value.
        if (e.currentTarget.value === '' && value != null) onChange(null);
      }}
      onKeyDown={(e) => {
        rest.onKeyDown?.(e);
        // Enter takes the highlighted option as the person sees it (the list may have been redrawn since it was
        // highlighted), and never submits the form while a list is open.
        if (e.key !== 'Enter' || !opened) return;
        const list = document.getElementById(e.currentTarget.getAttribute('aria-controls') ?? '');
        const picked = list?.querySelector<HTMLElement>('[data-combobox-selected]')?.getAttribute('value');
        const item = picked != null ? data.find((d) => String(d.value) === picked) : undefined;
        if (!item) return;
        e.preventDefault();
        setSearch(item.label);
        setOpened(false);
        if (item.value !== value) onChange(item.value);
      }}
      filter={serverFiltered ? ({ options }) => options : undefined}
    />
  );
});

/** Clients searched in main as you type (a client list can be long); the chosen client stays listed. */
export const ClientSelect = forwardRef<HTMLInputElement, BaseProps & { valueLabel?: string | null }>(function ClientSelect({ value, onChange, valueLabel, ...rest }, ref) {
  const [term, setTerm] = useState('');
  // The client chosen here, or the one the value names (with the label the caller knows) when it came from elsewhere.
  const [chosen, setPicked] = useState<ComboboxItem | null>(null);
  const picked = useMemo(() => (!value ? null : chosen?.value !== value && valueLabel ? { value, label: valueLabel } : chosen), [value, valueLabel, chosen]);
  const [debounced] = useDebouncedValue(term === picked?.label ? '' : term.trim(), 200);
  const list = useQuery({
    queryKey: ['clients.list', { search: debounced, limit: 30 }],
    queryFn: () => call('clients.list', { search: debounced || undefined, limit: 30, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => new Map((list.data?.rows ?? []).map((r) => [r.id, r])), [list.data]);
  const data = useMemo(() => {
    const items: ComboboxItem[] = (list.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }));
    if (picked && !items.some((i) => i.value === picked.value)) items.unshift(picked);
    return items;
  }, [list.data, picked]);
  return (
    <KeySelect
      ref={ref}
      {...rest}
      value={value}
      data={data}
      serverFiltered
      onSearch={setTerm}
      onChange={(v) => {
        const r = v ? rows.get(v) : undefined;
        setPicked(v ? { value: v, label: r?.name ?? picked?.label ?? '' } : null);
        onChange(v);
      }}
      renderOption={({ option }) => {
        const r = rows.get(option.value);
        return <OptionLine main={option.label} extra={r ? [r.phone, r.locality, r.fiscalCode].filter(Boolean).join(' · ') : undefined} />;
      }}
    />
  );
});

function OptionLine({ main, extra }: { main: ReactNode; extra?: string }) {
  return (
    <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
      <Text size="xs" truncate>
        {main}
      </Text>
      {extra && (
        <Text size="xs" c="dimmed" truncate>
          {extra}
        </Text>
      )}
    </Group>
  );
}

/**
 * Staff: active users (and whoever the record already names), by name: logins are for those who administer users.
 * `branchId`: only people who see that branch (main refuses anyone else as the document's assignee).
 */
export function useUserOptions(current: (string | null | undefined)[] = [], branchId?: string | null): ComboboxItem[] {
  const input = { includeInactive: true, ...(branchId ? { branchId } : {}) };
  const users = useQuery({ queryKey: ['users.directory', input], queryFn: () => call('users.directory', input), staleTime: 60_000 });
  const key = current.join(',');
  return useMemo(
    () => (users.data ?? []).filter((u) => u.active || key.split(',').includes(u.id)).map((u) => ({ value: u.id, label: u.name })),
    [users.data, key],
  );
}

export const UserSelect = forwardRef<HTMLInputElement, BaseProps & { branchId?: string | null }>(function UserSelect({ value, branchId, ...rest }, ref) {
  const data = useUserOptions([value], branchId);
  return <KeySelect ref={ref} value={value} data={data} {...rest} />;
});
