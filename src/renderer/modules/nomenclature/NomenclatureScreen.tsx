import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Alert, Badge, Checkbox, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { api } from '../../../shared/api';
import { CODE_MAX, NAME_MAX, type NomenclatureKind } from '../../../shared/api/nomenclature';
import { issueToError } from '../../../shared/api/validation';
import { call } from '../../app/api';
import { apiError } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { ConfirmDialog, KeyButton, ScreenHeader, SearchBox, useScreenKeys } from '../../components/screen';
import { ClientSelect, type Option } from './NomenclatureSelect';
import { LIST_KINDS, hasClient, itemLabel, kindLabelKey, type ListKind } from './kinds';
import classes from './nomenclature.module.css';

export { NomenclatureSelect, ProductSelect, ClientSelect } from './NomenclatureSelect';

/** One row of whichever list is shown: nomenclature items carry a client, products a "system" flag. */
interface Row {
  id: string;
  code: string | null;
  name: string;
  active: boolean;
  version: number;
  clientId?: string | null;
  clientName?: string | null;
  isSystem?: boolean;
}

interface Draft {
  code: string;
  name: string;
  client: Option | null;
  isSystem: boolean;
  active: boolean;
}

interface Editing {
  /** null: a new row. */
  row: Row | null;
  draft: Draft;
  error: { field: string; message: string } | null;
  saving: boolean;
}

const PAGE = 200;
const EDIT_FIELDS = ['code', 'name', 'clientId', 'isSystem', 'active'] as const;
type EditField = (typeof EDIT_FIELDS)[number];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The reference lists behind an intervention's fields, edited in place:
 * ↑/↓ pick a list on the left, → (or Enter) goes to its rows; in the rows Insert adds, Enter edits, Delete deletes,
 * typing a letter searches, ← goes back to the lists. In an edited row Tab moves between fields, Enter saves, Esc cancels.
 */
export function NomenclatureScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const canWrite = can('nomenclature', 'write');
  const canDelete = can('nomenclature', 'delete');

  const [kind, setKind] = useState<ListKind>('intervention_type');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [showInactive, setShowInactive] = useState(false);
  const [clientFilter, setClientFilter] = useState<Option | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [toDelete, setToDelete] = useState<Row | null>(null);
  const [banner, setBanner] = useState<string | null>(null);

  const kindsBox = useRef<HTMLDivElement>(null);
  const tableBox = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  /** Where focus goes once an edit ends (saved or cancelled). */
  const scrollTo = useRef<string | null>(null);
  const saving = useRef(false);

  const withClient = hasClient(kind);
  const clientId = withClient ? (clientFilter?.value ?? undefined) : undefined;

  const list = useInfiniteQuery({
    queryKey: kind === 'product' ? ['products.list', 'screen', { debounced, showInactive }] : ['nomenclature.list', 'screen', { kind, debounced, showInactive, clientId }],
    initialPageParam: 0,
    queryFn: async ({ pageParam }): Promise<{ rows: Row[]; total: number | null }> => {
      const search = debounced || undefined;
      if (kind === 'product') return call('products.list', { search, includeInactive: showInactive, limit: PAGE, offset: pageParam });
      const rows = await call('nomenclature.list', { kind, search, includeInactive: showInactive, clientId, limit: PAGE, offset: pageParam });
      return { rows, total: null };
    },
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      if (last.total !== null) return loaded < last.total ? loaded : undefined;
      return last.rows.length === PAGE ? loaded : undefined;
    },
  });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = list.data?.pages.at(-1)?.total ?? null;
  const index = rows.findIndex((r) => r.id === selected);
  const current = index >= 0 ? rows[index]! : null;
  const busy = !!editing || !!toDelete;

  const refresh = () => {
    setBanner(null);
    void qc.invalidateQueries({ predicate: (q) => ['nomenclature.list', 'products.list'].includes(String(q.queryKey[0])) });
  };

  // A new list starts with nothing selected and no edit under way.
  useEffect(() => {
    setSelected(null);
    setEditing(null);
    setBanner(null);
  }, [kind]);

  // After a save the saved row is selected and brought into view once the list is back.
  useEffect(() => {
    const id = scrollTo.current;
    if (!id || !rows.some((r) => r.id === id)) return;
    scrollTo.current = null;
    setSelected(id);
    requestAnimationFrame(() => tableBox.current?.querySelector(`[data-key="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  });

  const focusTable = () => requestAnimationFrame(() => tableBox.current?.focus());

  const moveTo = (i: number) => {
    if (!rows.length) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, i));
    const row = rows[clamped]!;
    setSelected(row.id);
    tableBox.current?.querySelector(`[data-key="${CSS.escape(row.id)}"]`)?.scrollIntoView({ block: 'nearest' });
    if (clamped >= rows.length - 5 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };

  const draftOf = (row: Row | null): Draft => ({
    code: row?.code ?? '',
    name: row?.name ?? '',
    client: row?.clientId ? { value: row.clientId, label: row.clientName ?? '' } : withClient ? clientFilter : null,
    isSystem: row?.isSystem ?? false,
    active: row?.active ?? true,
  });

  const startNew = () => {
    if (!canWrite || busy) return;
    setBanner(null);
    setEditing({ row: null, draft: draftOf(null), error: null, saving: false });
    tableBox.current?.scrollTo({ top: 0 });
  };
  const startEdit = (row: Row | null = current) => {
    if (!canWrite || busy || !row) return;
    setBanner(null);
    setSelected(row.id);
    setEditing({ row, draft: draftOf(row), error: null, saving: false });
  };
  const askDelete = (row: Row | null = current) => {
    if (!canDelete || busy || !row) return;
    setToDelete(row);
  };
  const cancelEdit = () => {
    setEditing(null);
    focusTable();
  };

  const save = async () => {
    // A second Enter before the first answer is back must not send the row twice.
    if (!editing || saving.current) return;
    const { row, draft } = editing;
    const code = draft.code.trim() || null;
    const clientId = withClient ? (draft.client?.value ?? null) : undefined;
    const k = kind as NomenclatureKind;
    const request =
      kind === 'product'
        ? row
          ? ({ name: 'products.update', input: { id: row.id, version: row.version, code, name: draft.name, isSystem: draft.isSystem, active: draft.active } } as const)
          : ({ name: 'products.create', input: { code, name: draft.name, isSystem: draft.isSystem } } as const)
        : row
          ? ({ name: 'nomenclature.update', input: { id: row.id, version: row.version, code, name: draft.name, active: draft.active, clientId } } as const)
          : ({ name: 'nomenclature.create', input: { kind: k, code, name: draft.name, clientId } } as const);

    // The contract's own schema first: the same words main would answer with, without a round trip.
    const checked = api[request.name].input.safeParse(request.input, { reportInput: true });
    if (!checked.success) {
      const e = issueToError(checked.error.issues[0]!);
      setEditing({ ...editing, error: { field: e.field ?? 'name', message: t(e.key, e.params ?? {}) } });
      return;
    }
    // Contracts and estimates belong to a client: say so on the field rather than after a round trip.
    if (withClient && !clientId) {
      setEditing({ ...editing, error: { field: 'clientId', message: t('errors.nomenclature_client_required') } });
      return;
    }
    setEditing({ ...editing, saving: true, error: null });
    saving.current = true;
    try {
      let saved: { id: string };
      if (request.name === 'products.update') saved = await call(request.name, request.input);
      else if (request.name === 'products.create') saved = await call(request.name, request.input);
      else if (request.name === 'nomenclature.update') saved = await call(request.name, request.input);
      else saved = await call(request.name, request.input);
      scrollTo.current = saved.id;
      setEditing(null);
      refresh();
      focusTable();
    } catch (err) {
      const e = apiError(err);
      if (e?.field && (EDIT_FIELDS as readonly string[]).includes(e.field)) {
        setEditing({ ...editing, saving: false, error: { field: e.field as EditField, message: t(e.key, e.params ?? {}) } });
      } else {
        setEditing({ ...editing, saving: false, error: null });
        setBanner(errorText(t, err));
      }
    } finally {
      saving.current = false;
    }
  };

  const onTableKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') moveTo(index + 1);
    else if (e.key === 'ArrowUp') moveTo(index < 0 ? 0 : index - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'PageDown') moveTo(index + 15);
    else if (e.key === 'PageUp') moveTo(index - 15);
    else if (e.key === 'Enter') startEdit();
    else if (e.key === 'Delete') askDelete();
    else if (e.key === 'ArrowLeft') kindsBox.current?.focus();
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
      // Typing on the list searches it.
      // Focus moves at once, so the next keys typed land in the box.
      setSearch(e.key);
      searchBox.current?.focus();
      requestAnimationFrame(() => {
        const box = searchBox.current;
        box?.setSelectionRange(box.value.length, box.value.length);
      });
    } else return;
    e.preventDefault();
  };

  const onKindsKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const i = LIST_KINDS.indexOf(kind);
    const go = (n: number) => setKind(LIST_KINDS[Math.max(0, Math.min(LIST_KINDS.length - 1, n))]!);
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(LIST_KINDS.length - 1);
    else if (e.key === 'ArrowRight' || e.key === 'Enter') {
      tableBox.current?.focus();
      if (index < 0) moveTo(0);
    } else return;
    e.preventDefault();
  };

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      tableBox.current?.focus();
      if (index < 0) moveTo(0);
    } else if (e.key === 'Escape' && search) {
      e.preventDefault();
      setSearch('');
    }
  };

  useScreenKeys({ enabled: !busy, onInsert: canWrite ? startNew : undefined, onRefresh: refresh });

  // Ctrl+F goes to the search box.
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  // The first visit lands on the lists, so the arrows work at once.
  useEffect(() => {
    if (!isTyping(document.activeElement)) kindsBox.current?.focus();
  }, []);

  const colCount = 3 + (withClient ? 1 : 0) + (kind === 'product' ? 1 : 0);
  const kindLabel = t(kindLabelKey(kind));

  return (
    <div className="planora-page" data-testid="nomenclature-screen">
      <ScreenHeader title={t('nomenclature.title')}>
        {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={startNew} disabled={busy} data-testid="nomenclature-add" />}
        {canWrite && <KeyButton label={t('common.edit')} keys="Enter" onClick={() => startEdit()} disabled={busy || !current} data-testid="nomenclature-edit" />}
        {canDelete && <KeyButton label={t('common.delete')} keys="Del" onClick={() => askDelete()} disabled={busy || !current} data-testid="nomenclature-delete" />}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} data-testid="nomenclature-refresh" />
      </ScreenHeader>

      <div className={classes.layout}>
        <div
          ref={kindsBox}
          className={classes.kinds}
          tabIndex={0}
          role="listbox"
          aria-label={t('nomenclature.lists')}
          aria-activedescendant={`nomenclature-kind-${kind}`}
          onKeyDown={onKindsKey}
          data-testid="nomenclature-kinds"
        >
          {LIST_KINDS.map((k) => (
            <div key={k}>
              {k === 'product' && <div className={classes.separator} />}
              <div
                id={`nomenclature-kind-${k}`}
                role="option"
                aria-selected={k === kind}
                data-selected={k === kind || undefined}
                className={classes.kind}
                onClick={() => setKind(k)}
                data-testid={`nomenclature-kind-${k}`}
              >
                {t(kindLabelKey(k))}
              </div>
            </div>
          ))}
        </div>

        <div className={classes.main}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap">
              <SearchBox ref={searchBox} w={260} value={search} onValueChange={setSearch} onKeyDown={onSearchKey} placeholder={t('nomenclature.searchHint')} data-testid="nomenclature-search" />
              {withClient && (
                <ClientSelect
                  w={240}
                  aria-label={t('fields.clientId')}
                  placeholder={t('nomenclature.allClients')}
                  value={clientFilter?.value ?? null}
                  known={clientFilter}
                  onChange={(_, option) => setClientFilter(option)}
                  data-testid="nomenclature-client-filter"
                />
              )}
              <Checkbox
                label={t('nomenclature.showInactive')}
                checked={showInactive}
                onChange={(e) => setShowInactive(e.currentTarget.checked)}
                data-testid="nomenclature-inactive"
                style={{ whiteSpace: 'nowrap' }}
              />
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="nomenclature-count">
              {list.isLoading
                ? t('common.loading')
                : total !== null
                  ? t('nomenclature.shownOf', { shown: fmt.number(rows.length), total: fmt.number(total) })
                  : t('nomenclature.count', { n: fmt.number(rows.length) + (list.hasNextPage ? '+' : '') })}
            </Text>
          </Group>

          {banner && (
            <Alert color="red" role="alert" p="xs" withCloseButton onClose={() => setBanner(null)} data-testid="nomenclature-error">
              {banner}
            </Alert>
          )}
          {list.error && (
            <Alert color="red" role="alert" p="xs" data-testid="nomenclature-load-error">
              {errorText(t, list.error)}
            </Alert>
          )}

          <div
            ref={tableBox}
            className={classes.table}
            tabIndex={0}
            role="group"
            aria-label={kindLabel}
            onKeyDown={onTableKey}
            onFocus={(e) => {
              if (e.target === e.currentTarget && index < 0 && rows.length && !editing) moveTo(0);
            }}
            onScroll={(e) => {
              const el = e.currentTarget;
              if (el.scrollTop + el.clientHeight > el.scrollHeight - 120 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
            }}
            data-testid="nomenclature-table"
          >
            <Table layout="fixed" stickyHeader striped highlightOnHover withTableBorder withColumnBorders verticalSpacing={3} horizontalSpacing={8} fz="sm">
              {/* Fixed widths: an error under a field in the edited row must not make the columns jump. */}
              <colgroup>
                <col style={{ width: 150 }} />
                <col />
                {withClient && <col style={{ width: 280 }} />}
                {kind === 'product' && <col style={{ width: 90 }} />}
                <col style={{ width: 90 }} />
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.code')}</Table.Th>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  {withClient && <Table.Th>{t('fields.clientId')}</Table.Th>}
                  {kind === 'product' && <Table.Th>{t('fields.isSystem')}</Table.Th>}
                  <Table.Th>{t('fields.active')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {editing && !editing.row && (
                  <EditRow kind={kind} editing={editing} onChange={(draft) => setEditing({ ...editing, draft, error: null })} onSave={save} onCancel={cancelEdit} />
                )}
                {rows.map((r) =>
                  editing?.row?.id === r.id ? (
                    <EditRow
                      key={r.id}
                      kind={kind}
                      editing={editing}
                      onChange={(draft) => setEditing({ ...editing, draft, error: null })}
                      onSave={save}
                      onCancel={cancelEdit}
                    />
                  ) : (
                    <Table.Tr
                      key={r.id}
                      data-key={r.id}
                      aria-selected={r.id === selected}
                      data-selected={r.id === selected || undefined}
                      onClick={() => setSelected(r.id)}
                      onDoubleClick={() => startEdit(r)}
                      style={{ cursor: 'default', opacity: r.active ? undefined : 0.55 }}
                    >
                      <Table.Td className={classes.code}>{r.code ?? ''}</Table.Td>
                      <Table.Td>{r.name}</Table.Td>
                      {withClient && <Table.Td>{r.clientName ?? ''}</Table.Td>}
                      {kind === 'product' && <Table.Td>{r.isSystem ? t('common.yes') : ''}</Table.Td>}
                      <Table.Td>
                        <Badge size="xs" variant="light" color={r.active ? 'teal' : 'gray'}>
                          {r.active ? t('common.yes') : t('common.no')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ),
                )}
                {!rows.length && !(editing && !editing.row) && (
                  <Table.Tr>
                    <Table.Td colSpan={colCount}>
                      <Text size="sm" c="dimmed" ta="center" py="xs">
                        {list.isLoading ? t('common.loading') : debounced ? t('grid.noRows') : canWrite ? t('nomenclature.empty') : t('grid.noRows')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </div>
          <div className={classes.hints}>{editing ? t('nomenclature.editHints') : t(canDelete ? 'nomenclature.hints' : canWrite ? 'nomenclature.writeHints' : 'nomenclature.readHints')}</div>
        </div>
      </div>

      <ConfirmDialog
        opened={!!toDelete}
        title={t('nomenclature.deleteTitle', { list: kindLabel })}
        message={t('nomenclature.deleteConfirm', { name: toDelete ? itemLabel(toDelete) : '' })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (!toDelete) return;
          if (kind === 'product') await call('products.delete', { id: toDelete.id });
          else await call('nomenclature.delete', { id: toDelete.id });
          const next = rows[index + 1] ?? rows[index - 1];
          setSelected(next && next.id !== toDelete.id ? next.id : null);
          refresh();
        }}
        onClose={() => {
          setToDelete(null);
          focusTable();
        }}
      />
    </div>
  );
}

/** A row of inputs in place of a row of the list: Tab between fields, Enter saves, Esc cancels. */
function EditRow(p: { kind: ListKind; editing: Editing; onChange(d: Draft): void; onSave(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { draft, error, row, saving } = p.editing;
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
