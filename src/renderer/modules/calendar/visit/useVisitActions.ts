/**
 * What the visit dialog does with main: book or save (asking once when the time is outside working hours), the sun and
 * the x, payments, cancelling and deleting. A step on a stored visit is taken on what the clerk sees: unsaved edits are
 * saved first. Main's answer becomes the dialog's record.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { VisitDetail } from '../../../../shared/api/visits';
import { apiQueryKey, useApiMutation } from '../../../app/apiQuery';
import { openProducedFile } from '../../../app/files';
import { apiError, errorText } from '../../../app/errors';
import type { VisitFormApi } from './VisitFields';
import type { VisitInput } from './visitValues';

export interface VisitActionsOptions {
  /** null: a new visit from the calendar's slot. */
  id: string | null;
  form: VisitFormApi;
  readOnly: boolean;
  drawer: { version(): number; load(d: VisitDetail): void; refuse(err: unknown): void; clearFailure(): void };
  /** After a save that closes the dialog. */
  onDone(): void;
  /** The visit left its slot (cancelled): the calendar may offer the slot to ASAP clients. */
  onFreed(slot: { userId: string; start: string; end: string; serviceId: string | null }): void;
}

// Outside the hours, or on a day off: main names the hours, and the clerk may book anyway.
const OUTSIDE_HOURS = 'errors.visit_outside_hours';

export function useVisitActions(o: VisitActionsOptions) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const book = useApiMutation('visits.book');
  const update = useApiMutation('visits.update');
  const attendance = useApiMutation('visits.setAttendance');
  const payment = useApiMutation('visits.addPayment');
  const cancel = useApiMutation('visits.cancel');
  const remove = useApiMutation('visits.delete');
  // Desktop: the PDF opens in the system's viewer, to print from there; web mode shows the print preview.
  const receipt = useApiMutation('reports.visitReceipt', { onSuccess: (f) => openProducedFile(f, 'print'), onError: (e) => o.drawer.refuse(e) });
  /** The input waiting for "Book outside working hours?", and main's words for it. */
  const [outside, setOutside] = useState<{ input: VisitInput; message: string } | null>(null);

  const took = (res: VisitDetail) => {
    qc.setQueryData(apiQueryKey('visits.get', { id: res.id }), res);
    o.drawer.load(res);
    return res;
  };

  const send = async (input: VisitInput, outsideHoursConfirmed: boolean): Promise<VisitDetail> => {
    const confirmed = outsideHoursConfirmed ? { outsideHoursConfirmed: true } : {};
    if (!o.id) return book.mutateAsync({ ...input, ...confirmed });
    const { clientId: _client, branchId: _branch, ...fields } = input;
    return update.mutateAsync({ id: o.id, version: o.drawer.version(), ...fields, ...confirmed });
  };

  /** Null when refused (the refusal is on its field) or when the clerk is asked about working hours first. */
  const persist = async (input: VisitInput, confirmed = false): Promise<VisitDetail | null> => {
    o.drawer.clearFailure();
    try {
      return took(await send(input, confirmed));
    } catch (e) {
      if (!confirmed && apiError(e)?.key.startsWith(OUTSIDE_HOURS)) setOutside({ input, message: errorText(t, e) });
      else o.drawer.refuse(e);
      return null;
    }
  };

  const saving = book.isPending || update.isPending;

  /** Enter, Ctrl+S and Save: save and close. `blocked`: a question is open over the dialog. */
  const save = (blocked: boolean) => {
    if (o.readOnly || saving || blocked) return;
    void o.form.handleSubmit(async (input) => {
      if (await persist(input)) o.onDone();
    })();
  };

  const confirmOutside = async () => {
    const asked = outside;
    setOutside(null);
    if (asked && (await persist(asked.input, true))) o.onDone();
  };

  /** The stored version to act on, after saving what was typed; null when that save was refused. */
  const current = async (): Promise<number | null> => {
    if (!o.form.formState.isDirty || o.readOnly) return o.drawer.version();
    let saved: VisitDetail | null = null;
    await o.form.handleSubmit(async (input) => {
      saved = await persist(input);
    })();
    return saved ? (saved as VisitDetail).version : null;
  };

  const step = async (run: (version: number) => Promise<VisitDetail>) => {
    if (!o.id) return;
    const version = await current();
    if (version === null) return;
    try {
      took(await run(version));
    } catch (e) {
      o.drawer.refuse(e);
    }
  };

  return {
    save,
    saving,
    outside: { opened: outside !== null, message: outside?.message ?? '', onConfirm: confirmOutside, onClose: () => setOutside(null) },
    busy: attendance.isPending || payment.isPending || saving,
    setAttendance: (status: 'booked' | 'arrived' | 'no_show') => step((version) => attendance.mutateAsync({ id: o.id!, version, status })),
    addPayment: (method: 'cash' | 'card' | 'transfer', amountMinor: number) => step((version) => payment.mutateAsync({ id: o.id!, version, method, amountMinor })),
    /** From the reason dialog, which shows a refusal itself. */
    cancel: async (reason: string) => {
      const res = took(await cancel.mutateAsync({ id: o.id!, version: o.drawer.version(), reason }));
      o.onFreed({ userId: res.userId, start: res.start, end: res.end, serviceId: res.serviceId });
    },
    /** The receipt of the visit as stored (unsaved edits are saved first, so it shows what the clerk sees). */
    receipt: async () => {
      if (!o.id || receipt.isPending || (await current()) === null) return;
      receipt.mutate({ id: o.id });
    },
    printing: receipt.isPending,
    /** From the confirmation, which shows a refusal itself. */
    remove: async () => {
      await remove.mutateAsync({ id: o.id!, version: o.drawer.version() });
      o.onDone();
    },
  };
}
