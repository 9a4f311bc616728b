/**
 * The interventions screen opened at one document, or at a new one for a client (the client card's links):
 * `#/interventions?open=<id>` and `#/interventions?newFor=<clientId>`. The address holds while the form it opened is
 * open, and is dropped when it closes, so a later Insert starts an empty document.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { ScreenDialogsState } from './useScreenDialogs';

export function interventionAddress(to: { open: string } | { newFor: string }): string {
  return `/interventions?${new URLSearchParams(to).toString()}`;
}

/** Opens the form the address names, once per address. */
export function useAddressedEditor(dialogs: ScreenDialogsState, canWrite: boolean): void {
  const [params, setParams] = useSearchParams();
  const open = params.get('open');
  const newFor = params.get('newFor');
  const opened = useRef(false);
  const { editor } = dialogs;
  // The address is what opens: the screen's functions are new every render.
  const openAddressed = useEffectEvent((id: string | null) => {
    dialogs.openEditor(id);
    opened.current = true;
  });
  useEffect(() => {
    if (open) openAddressed(open);
    else if (newFor && canWrite) openAddressed(null);
  }, [open, newFor, canWrite]);
  // Dropped once the form it opened has been shown and closed (not while the opening is still on its way).
  const shown = useRef(false);
  useEffect(() => {
    if (editor.open) {
      shown.current = opened.current;
      return;
    }
    if (!shown.current) return;
    shown.current = opened.current = false;
    setParams({}, { replace: true });
  }, [editor.open, setParams]);
}

/** The client a new document was asked for (`newFor`), while the form it opened is open. */
export function useAddressedClient(): string | null {
  const [params] = useSearchParams();
  return params.get('newFor');
}
