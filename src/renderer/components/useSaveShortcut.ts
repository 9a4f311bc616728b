import { useHotkeys } from '@mantine/hooks';

/** Ctrl+S (⌘S) saves from any field while a form is open; always calls the latest `save`. */
export function useSaveShortcut(opened: boolean, save: () => void): void {
  // No tags ignored: the shortcut is meant for the moment someone is typing in a field.
  useHotkeys([['mod+S', () => opened && save(), { preventDefault: opened }]], []);
}
