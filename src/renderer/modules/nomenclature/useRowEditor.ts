import { useCallback, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { apiError } from '../../app/errors';
import { EDIT_FIELDS, complaintAbout, draftOf, rowRequest, type Draft, type Editing, type Row, type RowRequest } from './rowEdit';
import type { ListKind } from './kinds';
import type { Option } from './NomenclatureSelect';

/**
 * The row being edited in place and its save: a complaint of the contract or of main about a field stays in the
 * row on that field; any other refusal goes to `onRefused` (the screen's banner).
 */
export function useRowEditor(p: { kind: ListKind; clientFilter: Option | null; onSaved(id: string): void; onRefused(err: unknown): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing | null>(null);
  // A second Enter before the first answer is back must not send the row twice (the mutation's own state shows a render later).
  const inFlight = useRef(false);
  const mutation = useMutation({ mutationFn: (r: RowRequest): Promise<{ id: string }> => call(r.name, r.input) });

  const stop = useCallback(() => setEditing(null), []);

  const save = () => {
    if (!editing || inFlight.current) return;
    const request = rowRequest(p.kind, editing);
    const complaint = complaintAbout(t, p.kind, request);
    if (complaint) return setEditing({ ...editing, error: complaint });
    setEditing({ ...editing, error: null });
    inFlight.current = true;
    mutation.mutate(request, {
      onSuccess: (saved) => {
        setEditing(null);
        p.onSaved(saved.id);
      },
      onError: (err) => {
        const e = apiError(err);
        if (e?.field && (EDIT_FIELDS as readonly string[]).includes(e.field)) setEditing({ ...editing, error: { field: e.field, message: t(e.key, e.params ?? {}) } });
        else p.onRefused(err);
      },
      onSettled: () => {
        inFlight.current = false;
      },
    });
  };

  return {
    editing,
    saving: mutation.isPending,
    start: (row: Row | null) => setEditing({ row, draft: draftOf(p.kind, row, p.clientFilter), error: null }),
    /** A new value typed takes the complaint away. */
    change: (draft: Draft) => editing && setEditing({ ...editing, draft, error: null }),
    stop,
    save,
  };
}
