import { forwardRef, useMemo, useRef, useState, type ReactNode } from 'react';
import { Group, Select, Text, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useDeferReads } from './deferReads';

type BaseProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null | undefined;
  onChange(value: string | null): void;
};

/**
 * A select for the keyboard: type to filter (the first match is highlighted, Enter takes it), ↓ opens the list,
 * erasing the text clears the value, and Enter with the list closed submits the form. It never pops open on Tab.
 * `pending`: the list does not answer what was typed yet (searched in main); it says so, and an Enter pressed
 * meanwhile takes `firstMatch()`, the first match of what was typed, never an option of the list before.
 */
export interface SelectAction extends ComboboxItem {
  run(): void;
}

export const KeySelect = forwardRef<
  HTMLInputElement,
  BaseProps & {
    data: ComboboxItem[];
    onSearch?(s: string): void;
    serverFiltered?: boolean;
    pending?: boolean;
    firstMatch?(): Promise<ComboboxItem | null>;
    /** Listed after the options; taking one runs it and leaves the value and the typed text as they were. */
    actions?: SelectAction[];
  }
>(function KeySelect({ value, onChange, data, onSearch, serverFiltered, pending = false, firstMatch, actions = [], ...rest }, ref) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  // Counts the texts typed, so an answer to an earlier one is not taken.
  const typed = useRef(0);
  const take = (item: ComboboxItem) => {
    setOpened(false);
    const action = actions.find((a) => a.value === item.value);
    if (action) return action.run();
    setSearch(item.label);
    if (item.value !== value) onChange(item.value);
  };
  const listed = useMemo(() => (actions.length ? [...data, ...actions.map(({ value: v, label }) => ({ value: v, label }))] : data), [data, actions]);
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
      // Turned back on when the answer to a typed text arrives, which highlights its first match (an untyped list,
      // such as a closed filter's, keeps no highlight).
      selectFirstOptionOnChange={!pending && search !== ''}
      nothingFoundMessage={pending ? t('interventions.searching') : t('interventions.nothingFound')}
      limit={200}
      maxDropdownHeight={280}
      comboboxProps={{ zIndex: 400 }}
      {...rest}
      data={listed}
      value={value ?? null}
      onChange={(v, option) => {
        // Controlled: the box shows the chosen label at once, even while a list is refetched.
        if (option) take(option);
        else {
          setSearch('');
          onChange(v);
        }
      }}
      searchValue={search}
      onSearchChange={(s) => {
        typed.current++;
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
        if (pending && firstMatch) {
          e.preventDefault();
          const asked = typed.current;
          void firstMatch().then((item) => {
            if (item && typed.current === asked) take(item);
          });
          return;
        }
        const list = document.getElementById(e.currentTarget.getAttribute('aria-controls') ?? '');
        const picked = list?.querySelector<HTMLElement>('[data-combobox-selected]')?.getAttribute('value');
        const item = picked != null ? listed.find((d) => String(d.value) === picked) : undefined;
        if (!item) return;
        e.preventDefault();
        take(item);
      }}
      filter={serverFiltered ? ({ options }) => options : undefined}
    />
  );
});

/** The option that adds a client named as typed (`onCreate`), listed after the matches. */
const NEW_CLIENT = '\u0000new-client';

/** Clients searched in main as you type (a client list can be long); the chosen client stays listed. `onCreate`: a new client from what was typed. */
export const ClientSelect = forwardRef<HTMLInputElement, BaseProps & { valueLabel?: string | null; onCreate?(typed: string): void }>(function ClientSelect(
  { value, onChange, valueLabel, onCreate, ...rest },
  ref,
) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  // The client chosen here, or the one the value names (with the label the caller knows) when it came from elsewhere.
  const [chosen, setPicked] = useState<ComboboxItem | null>(null);
  const picked = useMemo(() => (!value ? null : chosen?.value !== value && valueLabel ? { value, label: valueLabel } : chosen), [value, valueLabel, chosen]);
  const wanted = term === picked?.label ? '' : term.trim();
  const [debounced] = useDebouncedValue(wanted, 200);
  const qc = useQueryClient();
  const search = (s: string) => ({ queryKey: ['clients.list', { search: s, limit: 30 }], queryFn: () => call('clients.list', { search: s || undefined, limit: 30, offset: 0 }) });
  const deferred = useDeferReads();
  const list = useQuery({ ...search(debounced), enabled: !deferred, placeholderData: keepPreviousData });
  // An option taken from an answer the list has not shown (Enter before it arrived) keeps its name.
  const answered = useRef(new Map<string, string>());
  // While the typed text waits out the pause or main's answer, the list on screen is an earlier search's: a client
  // created a moment ago is not in it, and Enter would have taken its first row.
  const pending = wanted !== (list.isPlaceholderData || !list.data ? null : debounced);
  const rows = useMemo(() => new Map((list.data?.rows ?? []).map((r) => [r.id, r])), [list.data]);
  const data = useMemo(() => {
    const items: ComboboxItem[] = pending ? [] : (list.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }));
    if (picked && (!pending || !wanted) && !items.some((i) => i.value === picked.value)) items.unshift(picked);
    return items;
  }, [list.data, picked, pending, wanted]);
  const actions = useMemo(
    // Offered when no client has the very name typed (a namesake is still added with Insert or the + button).
    () =>
      onCreate && wanted && !pending && !list.data?.rows.some((r) => r.name.toLocaleLowerCase() === wanted.toLocaleLowerCase())
        ? [{ value: NEW_CLIENT, label: t('clients.quick.createNamed', { name: wanted }), run: () => onCreate(wanted) }]
        : [],
    [onCreate, wanted, pending, list.data, t],
  );
  return (
    <KeySelect
      ref={ref}
      {...rest}
      value={value}
      data={data}
      serverFiltered
      pending={pending}
      actions={actions}
      onKeyDown={(e) => {
        rest.onKeyDown?.(e);
        // Insert: a new client, from whatever was typed.
        if (e.key !== 'Insert' || !onCreate) return;
        e.preventDefault();
        onCreate(wanted);
      }}
      firstMatch={async () => {
        const first = (await qc.fetchQuery(search(wanted))).rows[0];
        if (!first) return null;
        answered.current.set(first.id, first.name);
        return { value: first.id, label: first.name };
      }}
      onSearch={setTerm}
      onChange={(v) => {
        const label = v ? (rows.get(v)?.name ?? answered.current.get(v)) : undefined;
        setPicked(v ? { value: v, label: label ?? picked?.label ?? '' } : null);
        onChange(v);
      }}
      renderOption={({ option }) => {
        if (option.value === NEW_CLIENT) return <OptionLine main={<b>{option.label}</b>} extra="Ins" />;
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
  const deferred = useDeferReads();
  const users = useQuery({ queryKey: ['users.directory', input], queryFn: () => call('users.directory', input), enabled: !deferred, staleTime: 60_000 });
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
