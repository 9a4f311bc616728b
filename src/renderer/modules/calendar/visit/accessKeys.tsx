import type { ReactNode } from 'react';
import { useHotkeys } from '@mantine/hooks';

/**
 * Alt+letter on the dialog's main buttons, also from inside a field (the clerk's hands stay on the keys). The letters
 * are the same in every language, so a desk's habits survive a change of language; the label underlines the letter
 * where it has it and the button says its key to assistive technology.
 */
export type AccessKeys = Record<string, (() => void) | null | false | undefined>;

export function useAccessKeys(enabled: boolean, keys: AccessKeys) {
  useHotkeys(
    Object.entries(keys).map(([letter, run]): [string, (e: KeyboardEvent) => void, { preventDefault: boolean }] => [
      `alt+${letter}`,
      () => {
        if (enabled && run) run();
      },
      { preventDefault: enabled && !!run },
    ]),
    [],
  );
}

/** A button's label with its access letter underlined (the first occurrence, either case) when the label has it. */
export function KeyLabel({ text, letter }: { text: string; letter: string }): ReactNode {
  const at = text.toLowerCase().indexOf(letter.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <u>{text[at]}</u>
      {text.slice(at + 1)}
    </>
  );
}

/** Props that name a button's access key: `aria-keyshortcuts` and a title for the mouse. */
export function keyProps(letter: string) {
  return { 'aria-keyshortcuts': `Alt+${letter.toUpperCase()}`, title: `Alt+${letter.toUpperCase()}` };
}
