import { useState } from 'react';
import type { GridColumn, GridRow, SortField } from '../../../shared/api/interventions';

/** What the export takes from the grid as it is when the dialog opens. */
export interface ExportRequest {
  columns: GridColumn[];
  sort: { sort?: SortField; desc?: boolean };
}

/**
 * Which form or dialog of the interventions screen is open, and on which rows. `editor.seq` names each opening, so the
 * form starts afresh every time. While any is open, the grid's keys are the dialog's.
 */
export function useScreenDialogs() {
  const [editor, setEditor] = useState<{ id: string | null; seq: number; open: boolean }>({ id: null, seq: 0, open: false });
  const [toDelete, setToDelete] = useState<GridRow[] | null>(null);
  const [toCancel, setToCancel] = useState<GridRow[] | null>(null);
  const [allocating, setAllocating] = useState<GridRow[] | null>(null);
  const [distributing, setDistributing] = useState(false);
  const [exporting, setExporting] = useState<ExportRequest | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [approvalsOpen, setApprovalsOpen] = useState(false);
  const busy = editor.open || !!toDelete || !!toCancel || !!allocating || distributing || !!exporting || settingsOpen;
  return {
    busy,
    editor,
    openEditor: (id: string | null) => setEditor((e) => ({ id, seq: e.seq + 1, open: true })),
    closeEditor: () => setEditor((e) => ({ ...e, open: false })),
    toDelete,
    setToDelete,
    toCancel,
    setToCancel,
    allocating,
    setAllocating,
    distributing,
    setDistributing,
    exporting,
    setExporting,
    settingsOpen,
    setSettingsOpen,
    approvalsOpen,
    setApprovalsOpen,
  };
}

export type ScreenDialogsState = ReturnType<typeof useScreenDialogs>;
