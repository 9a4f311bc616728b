/**
 * Someone else saved the record being edited here. Their version becomes the base; what was typed here stays on top
 * of it field by field, so nothing typed is lost and nothing they saved is silently undone:
 * - a field they did not change keeps what is here (typed or not);
 * - a field they changed and that was not touched here takes their value;
 * - a field both changed, differently, keeps what was typed and is a conflict: the user picks one.
 */
export interface Merged<T> {
  values: T;
  /** Fields their save changed. */
  changed: string[];
  /** Of those, the ones also typed here, to something else. */
  conflicts: string[];
}

const same = (a: unknown, b: unknown) => a === b || ((a ?? '') === '' && (b ?? '') === '');

export function mergeUnderneath<T extends Record<string, unknown>>(fields: readonly string[], base: T, mine: T, theirs: T): Merged<T> {
  const values: Record<string, unknown> = { ...theirs };
  const changed: string[] = [];
  const conflicts: string[] = [];
  for (const f of fields) {
    const theirsChanged = !same(theirs[f], base[f]);
    const typed = !same(mine[f], base[f]);
    if (theirsChanged) changed.push(f);
    if (typed) values[f] = mine[f];
    if (theirsChanged && typed && !same(mine[f], theirs[f])) conflicts.push(f);
  }
  return { values: values as T, changed, conflicts };
}
