/**
 * What the intervention form does with main: save (create or update), the workflow steps, cancelling and printing.
 * Each step is taken on what the person sees: unsaved edits are saved first. Main's answer becomes the form's record.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InterventionDetail } from '../../../shared/api/interventions';
import { apiQueryKey, useApiMutation } from '../../app/apiQuery';
import { openProducedFile } from '../../app/files';
import type { InterventionFormApi } from './formFields';
import type { InterventionInput } from './formValues';

export type WorkflowStep = 'validate' | 'confirm' | 'finalize';

export interface ActionsOptions {
  /** null: a new intervention. */
  id: string | null;
  form: InterventionFormApi;
  readOnly: boolean;
  /** From the record drawer: the version being edited, and where main's answer and refusals go. */
  drawer: { version(): number; load(d: InterventionDetail): void; refuse(err: unknown): void; clearFailure(): void };
  onSaved(d: InterventionDetail, closed: boolean): void;
}

export function useInterventionActions(o: ActionsOptions) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const create = useApiMutation('interventions.create');
  const update = useApiMutation('interventions.update');
  const steps = { validate: useApiMutation('interventions.validate'), confirm: useApiMutation('interventions.confirm'), finalize: useApiMutation('interventions.finalize') };
  const cancel = useApiMutation('interventions.cancel');
  // Desktop: the PDF opens in the system's viewer, to print from there. Web mode downloads it.
  const printing = useApiMutation('reports.interventionForm', { onSuccess: (f) => openProducedFile(f, 'print'), onError: (e) => o.drawer.refuse(e) });

  const took = (res: InterventionDetail) => {
    qc.setQueryData(apiQueryKey('interventions.get', { id: res.id }), res);
    o.drawer.load(res);
  };
  const after = (res: InterventionDetail) => {
    took(res);
    if (res.pendingApproval) setNotice(t('interventions.form.sentForApproval'));
    o.onSaved(res, false);
  };

  const persist = async (input: InterventionInput): Promise<InterventionDetail | null> => {
    o.drawer.clearFailure();
    try {
      const res = o.id ? await update.mutateAsync({ id: o.id, version: o.drawer.version(), ...input }) : await create.mutateAsync(input);
      took(res);
      return res;
    } catch (e) {
      o.drawer.refuse(e);
      return null;
    }
  };

  const saving = create.isPending || update.isPending;
  const acting: WorkflowStep | 'print' | null = printing.isPending ? 'print' : ((Object.keys(steps) as WorkflowStep[]).find((s) => steps[s].isPending) ?? null);

  /** `blocked`: a question is open over the form. */
  const save = (blocked: boolean) => {
    if (o.readOnly || saving || blocked) return;
    void o.form.handleSubmit(async (input) => {
      const res = await persist(input);
      if (res) o.onSaved(res, true);
    })();
  };

  const act = async (step: WorkflowStep) => {
    if (!o.id || acting) return;
    o.drawer.clearFailure();
    setNotice(null);
    let version = o.drawer.version();
    if (o.form.formState.isDirty && !o.readOnly) {
      let saved: InterventionDetail | null = null;
      await o.form.handleSubmit(async (input) => {
        saved = await persist(input);
      })();
      if (!saved) return;
      version = (saved as InterventionDetail).version;
    }
    try {
      after(await steps[step].mutateAsync({ id: o.id, version }));
    } catch (e) {
      o.drawer.refuse(e);
    }
  };

  /** From the reason dialog, which shows a refusal itself. */
  const cancelDoc = async (reason: string) => after(await cancel.mutateAsync({ id: o.id!, version: o.drawer.version(), reason }));

  const print = () => {
    if (!o.id) return;
    o.drawer.clearFailure();
    printing.mutate({ id: o.id });
  };

  return { save, act, cancelDoc, print, saving, acting, notice };
}
