import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Button, Group, Kbd, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientDetail, ClientListRow } from '../../../shared/api/clients';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { DataGrid, type DataGridHandle, type PageRequest } from '../../components/DataGrid';
import { ClientForm } from './ClientForm';
import { clientColumns, sortOf } from './clientColumns';
import { ConfirmDialog, ScreenTitle, SearchBox, useFindShortcut } from '../../components/screen';

/**
 * Clients: a searchable, server-sorted grid fed page by page from main, and the client form.
 * Keys: Insert adds, Enter opens, Delete deletes (Enter confirms), F5 refreshes, Ctrl+F searches, ↓ from the search box goes to the grid.
 */
export function ClientsScreen() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const canWrite = can('clients', 'write');
  const canDelete = can('clients', 'delete');
  const grid = useRef<DataGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [total, setTotal] = useState<number | null>(null);
  const [editor, setEditor] = useState<{ id: string | null; seq: number; open: boolean }>({ id: null, seq: 0, open: false });
  const [toDelete, setToDelete] = useState<ClientListRow | null>(null);
  const busy = editor.open || !!toDelete;

  const columns = useMemo(() => clientColumns(t, fmt), [t, fmt]);

  // The grid is not a TanStack query, so this one stands for it: `clients.changed` from main (any window, any user)
  // invalidates it, and each new answer refreshes the grid in place.
  const changes = useQuery({ queryKey: ['clients.list', 'grid-refresh'], queryFn: async () => Date.now(), staleTime: Infinity });
  const seenChange = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seenChange.current !== undefined && changes.data !== seenChange.current) grid.current?.refresh();
    seenChange.current = changes.data;
  }, [changes.data]);

  // Dates are drawn by the cells' formatters: a new language redraws them.
  useEffect(() => {
    grid.current?.api()?.refreshCells({ force: true });
  }, [i18n.language]);

  // The first page as the grid opens by default is asked for as the screen mounts, while ag-grid sets itself up,
  // instead of after it: the grid's first request takes it if it asks for exactly that, once.
  const [early] = useState(() => {
    const input = { sort: 'name', desc: false, offset: 0, limit: 100 } as const;
    const answer = call('clients.list', input);
    answer.catch(() => undefined); // a failure is the grid's to report, when it asks
    return { key: JSON.stringify(input), answer, taken: false };
  });
  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input = { search: debounced || undefined, ...sortOf(req.sort), offset: req.offset, limit: req.limit };
      if (!early.taken && JSON.stringify(input) === early.key) {
        early.taken = true;
        return early.answer;
      }
      early.taken = true;
      return call('clients.list', input);
    },
    [debounced, early],
  );

  const add = () => {
    if (!canWrite || busy) return;
    setEditor((e) => ({ id: null, seq: e.seq + 1, open: true }));
  };
  const open = (row?: ClientListRow) => {
    if (busy) return;
    const r = row ?? grid.current?.selected<ClientListRow>();
    if (r) setEditor((e) => ({ id: r.id, seq: e.seq + 1, open: true }));
    else focusGrid();
  };
  const askDelete = (row?: ClientListRow) => {
    if (!canDelete || busy) return;
    const r = row ?? grid.current?.selected<ClientListRow>();
    if (r) setToDelete(r);
    else focusGrid();
  };
  const refresh = () => grid.current?.refresh();

  const focusGrid = () => {
    const api = grid.current?.api();
    if (!api || api.getDisplayedRowCount() === 0) return;
    const row = api.getFocusedCell()?.rowIndex ?? 0;
    api.ensureIndexVisible(row);
    api.setFocusedCell(row, 'name');
  };

  const onSaved = (client: ClientDetail) => {
    setEditor((e) => ({ ...e, open: false }));
    refresh();
    // The saved client is selected once its page is back.
    setTimeout(() => grid.current?.api()?.getRowNode(client.id)?.setSelected(true, true), 300);
  };

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      focusGrid();
    } else if (e.key === 'Escape' && search) {
      e.preventDefault();
      setSearch('');
    }
  };

  useFindShortcut(searchBox);

  return (
    <div className="planora-page" data-testid="clients-screen">
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap">
          <ScreenTitle mr="xs">
            {t('nav.clients')}
          </ScreenTitle>
          <SearchBox ref={searchBox} w={300} value={search} onValueChange={setSearch} onKeyDown={onSearchKey} placeholder={t('clients.searchHint')} data-testid="clients-search" />
          {canWrite && <KeyButton label={t('common.add')} keys="Ins" onClick={add} testId="clients-add" />}
          <KeyButton label={t('common.open')} keys="Enter" onClick={() => open()} testId="clients-open" />
          {canDelete && <KeyButton label={t('common.delete')} keys="Del" onClick={() => askDelete()} testId="clients-delete" />}
          <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} testId="clients-refresh" />
        </Group>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="clients-total">
          {total === null ? '' : t('clients.total', { total: fmt.number(total) })}
        </Text>
      </Group>
      <div className="planora-grow">
        <DataGrid<ClientListRow>
          ref={grid}
          gridId="clients"
          columns={columns}
          fetchPage={fetchPage}
          queryKey={debounced}
          getRowId={(r) => r.id}
          onOpen={(r) => open(r)}
          onInsert={canWrite ? add : undefined}
          onDelete={canDelete ? (r) => askDelete(r) : undefined}
          onTotal={setTotal}
        />
      </div>

      <ClientForm
        key={editor.seq}
        opened={editor.open}
        clientId={editor.id}
        readOnly={!canWrite}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
        onSaved={onSaved}
      />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('clients.deleteTitle')}
        message={t('clients.deleteConfirm', { name: toDelete?.name ?? '' })}
        confirmLabel={t('common.delete')}
        testId="client-delete-confirm"
        onConfirm={async () => {
          if (!toDelete) return;
          await call('clients.delete', { id: toDelete.id });
          refresh();
        }}
        onClose={() => setToDelete(null)}
      />
    </div>
  );
}

/** A toolbar button that names its shortcut. */
function KeyButton({ label, keys, onClick, testId }: { label: string; keys: string; onClick(): void; testId: string }) {
  return (
    <Button variant="default" onClick={onClick} rightSection={<Kbd size="xs">{keys}</Kbd>} data-testid={testId} style={{ flexShrink: 0 }}>
      {label}
    </Button>
  );
}
