import { useEffect, useRef } from 'react';

/** Ctrl+S (⌘S) saves from any field while a form is open; always calls the latest `save`. */
export function useSaveShortcut(opened: boolean, save: () => void): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!opened) return;
    const on = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [opened]);
}
