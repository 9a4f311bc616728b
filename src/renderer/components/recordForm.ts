/**
 * What every form that saves to main shares, so a screen writes only its fields:
 * - `useRefusal`: a refusal from main goes on the field it names, or above the form (with "stale" when someone
 *   else saved the record in between);
 * - `useFormShell`: a form in a dialog or on a settings screen, submitted through one call;
 * - `useRecordDrawer`: a record opened in a drawer: loaded once, its version kept for the save, replaced by a
 *   newer version only while nothing was typed, reloaded on request after a stale refusal, and closed only after
 *   asking when something was typed. A newer version saved elsewhere is announced (`newer`); `reloadKeeping` takes
 *   it under what was typed and names the fields it changed (`underneath`).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../app/api';
import { apiError, errorText } from '../app/errors';
import { applyServerError } from './form';
import { mergeUnderneath } from './underneath';

export interface Refusal {
  text: string;
  /** Someone else saved the record since it was loaded: offer to load theirs. */
  stale: boolean;
}

/**
 * `refuse(err, fieldOf)` puts a refusal on the form field `fieldOf` maps its field to (when that is one of `fields`),
 * else shows it as `failure`. `focus`: the field refused gets the focus.
 */
export function useRefusal<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>, fields: readonly string[], opts: { focus?: boolean } = {}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Refusal | null>(null);
  const refuse = (err: unknown, fieldOf: (field: string) => string = (f) => f) => {
    const e = apiError(err);
    const field = e?.field ? fieldOf(e.field) : undefined;
    if (e && field && applyServerError(new ApiCallError({ ...e, field }), form.setError, fields)) {
      setFailure(null);
      if (opts.focus) setTimeout(() => form.setFocus(field as Path<T>));
      return;
    }
    setFailure({ text: errorText(t, err), stale: e?.code === 'conflict' && e.key === 'errors.stale' });
  };
  return { failure, refuse, clearFailure: () => setFailure(null) };
}

/**
 * Submits `form` through `save` (which calls main): a refusal naming one of `fields` goes on that field,
 * any other is shown on top of the form. `err` reads a field's message for its input.
 */
export function useFormShell<T extends FieldValues, O = T>(form: UseFormReturn<T, unknown, O>, fields: readonly string[], save: (values: O) => Promise<unknown>) {
  const { failure, refuse, clearFailure } = useRefusal(form, fields);
  const [saved, setSaved] = useState(false);
  const { formState, handleSubmit } = form;
  const onSubmit = handleSubmit(async (values) => {
    clearFailure();
    setSaved(false);
    try {
      await save(values);
      setSaved(true);
    } catch (e) {
      refuse(e);
    }
  });
  const err = (f: keyof T & string) => formState.errors[f]?.message as string | undefined;
  return { err, shell: { failure: failure?.text ?? null, saved, dirty: formState.isDirty, submitting: formState.isSubmitting, onSubmit } };
}

/** A version saved elsewhere, now the form's base: the fields it changed, and those also typed here. */
export interface Underneath<R, T> {
  record: R;
  theirs: T;
  changed: string[];
  conflicts: string[];
}

export interface RecordDrawerOptions<R extends { version: number }, T extends FieldValues, O> {
  form: UseFormReturn<T, unknown, O>;
  /** Top-level fields of the form: a refusal naming one is shown there. */
  fields: readonly string[];
  /** The stored record (`enabled: false` for a new one). */
  record: UseQueryResult<R>;
  isNew: boolean;
  toValues(record: R): T;
  readOnly: boolean;
  onClose(): void;
  /** A question of the form is open over it, so the drawer leaves Esc to it. */
  asking?: boolean;
}

/** A record edited in a drawer; see the file's comment. The form's values are only ever replaced from here. */
export function useRecordDrawer<R extends { version: number }, T extends FieldValues, O>(o: RecordDrawerOptions<R, T, O>) {
  const { form, record } = o;
  const isDirty = form.formState.isDirty;
  const refusal = useRefusal(form, o.fields, { focus: true });
  const version = useRef<number | null>(null);
  // The record as loaded, of the version being edited (the title names it, not what is being typed).
  const [stored, setStored] = useState<R | null>(null);
  const [askDiscard, setAskDiscard] = useState(false);

  // Read when a record arrives, not a reason to look at it again.
  const latest = useRef({ isDirty, toValues: o.toValues });
  useLayoutEffect(() => {
    latest.current = { isDirty, toValues: o.toValues };
  });
  const [newer, setNewer] = useState<R | null>(null);
  const [underneath, setUnderneath] = useState<Underneath<R, T> | null>(null);
  const storedRef = useRef<R | null>(null);
  const load = useCallback(
    (r: R) => {
      version.current = r.version;
      storedRef.current = r;
      setStored(r);
      setNewer(null);
      setUnderneath(null);
      form.reset(latest.current.toValues(r));
    },
    [form],
  );

  // Load once; a newer version from someone else replaces it only while nothing was typed here, else it is announced.
  useEffect(() => {
    const r = record.data;
    if (!r || (version.current !== null && r.version === version.current)) return;
    const before = storedRef.current;
    if (before && r.version > before.version && latest.current.isDirty) {
      setNewer(r);
      return;
    }
    if (before && latest.current.isDirty) return;
    load(r);
    if (before && r.version > before.version) {
      const base = latest.current.toValues(before);
      const theirs = latest.current.toValues(r);
      setUnderneath({ record: r, theirs, changed: mergeUnderneath(o.fields, base, base, theirs).changed, conflicts: [] });
    }
  }, [record.data, load, o.fields]);

  /** After "someone else changed this record": their version replaces what was typed here. */
  const reload = async () => {
    const r = await record.refetch();
    if (r.data) {
      load(r.data);
      refusal.clearFailure();
    }
  };

  /** Their version becomes the base; what was typed here stays on top of it, and the fields they changed are named. */
  const reloadKeeping = async () => {
    const before = storedRef.current;
    const r = (await record.refetch()).data;
    if (!r || !before) return;
    const theirs = latest.current.toValues(r);
    const m = mergeUnderneath(o.fields, latest.current.toValues(before), form.getValues(), theirs);
    load(r);
    for (const f of o.fields) {
      if (m.values[f] !== theirs[f]) form.setValue(f as Path<T>, m.values[f] as T[Path<T>], { shouldDirty: true });
    }
    setUnderneath({ record: r, theirs, changed: m.changed, conflicts: m.conflicts });
    refusal.clearFailure();
  };

  /** A field both changed: the user keeps what they typed, or takes the value saved underneath. */
  const choose = (field: string, take: 'mine' | 'theirs') => {
    if (!underneath) return;
    if (take === 'theirs') form.setValue(field as Path<T>, underneath.theirs[field] as T[Path<T>], { shouldDirty: true });
    setUnderneath({ ...underneath, conflicts: underneath.conflicts.filter((f) => f !== field) });
  };

  const asking = askDiscard || !!o.asking;
  const requestClose = () => {
    if (asking) return;
    // Opened after this key event is done: the question's own Esc handler would otherwise see the same Esc and close it at once.
    if (isDirty && !o.readOnly) setTimeout(() => setAskDiscard(true));
    else o.onClose();
  };

  return {
    ...refusal,
    reload,
    reloadKeeping,
    /** A newer version saved elsewhere while something was typed here (null: none). */
    newer,
    underneath,
    choose,
    /** The marks of the fields changed underneath are put away. */
    dismissUnderneath: () => setUnderneath(null),
    /** A record main just answered with (after a save or a workflow step): the form shows and edits that version. */
    load,
    requestClose,
    /** The version to send with an update. */
    version: () => version.current ?? 1,
    stored,
    loaded: o.isNew || stored !== null,
    /** A question is open over the drawer (the discard question or the form's own). */
    asking,
    /** Props for the "discard what was typed?" ConfirmDialog. */
    discard: { opened: askDiscard, onConfirm: () => o.onClose(), onClose: () => setAskDiscard(false) },
  };
}
