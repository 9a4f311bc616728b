import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Alert, Checkbox, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { ConfirmDialog, KeyButton, ScreenHeader, SearchBox, useFindShortcut, useScreenKeys } from '../../components/screen';
import { KindList } from './KindList';
import { ClientSelect, type Option } from './NomenclatureSelect';
import { RowsTable } from './RowsTable';
import { hasClient, itemLabel, kindLabelKey, type ListKind } from './kinds';
import type { Row } from './rowEdit';
import { useNomenclatureRows } from './useNomenclatureRows';
import { useRowEditor } from './useRowEditor';
import classes from './nomenclature.module.css';

export { NomenclatureSelect, ProductSelect, ClientSelect } from './NomenclatureSelect';

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
  const canWrite = can('nomenclature', 'write');
  const canDelete = can('nomenclature', 'delete');

  const [kind, setKind] = useState<ListKind>('intervention_type');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [showInactive, setShowInactive] = useState(false);
  const [clientFilter, setClientFilter] = useState<Option | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<Row | null>(null);
  const [banner, setBanner] = useState<string | null>(null);

  const kindsBox = useRef<HTMLDivElement>(null);
  const tableBox = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  /** Where focus goes once an edit ends (saved or cancelled). */
  const scrollTo = useRef<string | null>(null);

  const withClient = hasClient(kind);
  const { list, rows, total, more, invalidate } = useNomenclatureRows(kind, {
    search: debounced,
    showInactive,
    clientId: withClient ? (clientFilter?.value ?? undefined) : undefined,
  });
  const index = rows.findIndex((r) => r.id === selected);
  const current = index >= 0 ? rows[index]! : null;

  const refresh = () => {
    setBanner(null);
    invalidate();
  };
  const focusTable = () => requestAnimationFrame(() => tableBox.current?.focus());
  const editor = useRowEditor({
    kind,
    clientFilter,
    onSaved: (id) => {
      scrollTo.current = id;
      refresh();
      focusTable();
    },
    onRefused: (err) => setBanner(errorText(t, err)),
  });
  const busy = !!editor.editing || !!toDelete;

  // A new list starts with nothing selected and no edit under way.
  const { stop: stopEditing } = editor;
  useEffect(() => {
    setSelected(null);
    stopEditing();
    setBanner(null);
  }, [kind, stopEditing]);

  // After a save the saved row is selected and brought into view once the list is back.
  useEffect(() => {
    const id = scrollTo.current;
    if (!id || !rows.some((r) => r.id === id)) return;
    scrollTo.current = null;
    setSelected(id);
    requestAnimationFrame(() => tableBox.current?.querySelector(`[data-key="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }, [rows]);

  const moveTo = (i: number) => {
    if (!rows.length) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, i));
    const row = rows[clamped]!;
    setSelected(row.id);
    tableBox.current?.querySelector(`[data-key="${CSS.escape(row.id)}"]`)?.scrollIntoView({ block: 'nearest' });
    if (clamped >= rows.length - 5) more();
  };
  const enterRows = () => {
    tableBox.current?.focus();
    if (index < 0) moveTo(0);
  };

  const startNew = () => {
    if (!canWrite || busy) return;
    setBanner(null);
    editor.start(null);
    tableBox.current?.scrollTo({ top: 0 });
  };
  const startEdit = (row: Row | null = current) => {
    if (!canWrite || busy || !row) return;
    setBanner(null);
    setSelected(row.id);
    editor.start(row);
  };
  const askDelete = (row: Row | null = current) => {
    if (!canDelete || busy || !row) return;
    setToDelete(row);
  };
  const cancelEdit = () => {
    editor.stop();
    focusTable();
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

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      enterRows();
    } else if (e.key === 'Escape' && search) {
      e.preventDefault();
      setSearch('');
    }
  };

  useScreenKeys({ enabled: !busy, onInsert: canWrite ? startNew : undefined, onRefresh: refresh });
  useFindShortcut(searchBox);

  // The first visit lands on the lists, so the arrows work at once.
  useEffect(() => {
    if (!isTyping(document.activeElement)) kindsBox.current?.focus();
  }, []);

  const kindLabel = t(kindLabelKey(kind));
  const count = list.isLoading
    ? t('common.loading')
    : total !== null
      ? t('nomenclature.shownOf', { shown: fmt.number(rows.length), total: fmt.number(total) })
      : t('nomenclature.count', { n: fmt.number(rows.length) + (list.hasNextPage ? '+' : '') });

  return (
    <div className="planora-page" data-testid="nomenclature-screen">
      <ScreenHeader title={t('nomenclature.title')}>
        {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={startNew} disabled={busy} data-testid="nomenclature-add" />}
        {canWrite && <KeyButton label={t('common.edit')} keys="Enter" onClick={() => startEdit()} disabled={busy || !current} data-testid="nomenclature-edit" />}
        {canDelete && <KeyButton label={t('common.delete')} keys="Del" onClick={() => askDelete()} disabled={busy || !current} data-testid="nomenclature-delete" />}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} data-testid="nomenclature-refresh" />
      </ScreenHeader>

      <div className={classes.layout}>
        <KindList ref={kindsBox} kind={kind} onPick={setKind} onEnterRows={enterRows} />

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
              {count}
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

          <RowsTable
            ref={tableBox}
            kind={kind}
            rows={rows}
            selected={selected}
            editing={editor.editing}
            saving={editor.saving}
            emptyText={list.isLoading ? t('common.loading') : debounced ? t('grid.noRows') : canWrite ? t('nomenclature.empty') : t('grid.noRows')}
            label={kindLabel}
            onSelect={setSelected}
            onOpen={startEdit}
            onDraft={editor.change}
            onSave={editor.save}
            onCancelEdit={cancelEdit}
            onKeyDown={onTableKey}
            onFocusTable={() => index < 0 && rows.length && !editor.editing && moveTo(0)}
            onNearEnd={more}
          />
          <div className={classes.hints}>{editor.editing ? t('nomenclature.editHints') : t(canDelete ? 'nomenclature.hints' : canWrite ? 'nomenclature.writeHints' : 'nomenclature.readHints')}</div>
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
