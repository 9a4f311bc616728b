import { useWatch } from 'react-hook-form';
import type { InterventionDetail, Status } from '../../../shared/api/interventions';
import { deriveStatus } from '../../../shared/rules/interventions';
import type { InterventionFormApi } from './formFields';
import { toLocalInput } from './model';

/** Status is main's; while typing, the form shows what it will become (the shared rule main applies). */
export function useShownStatus(form: InterventionFormApi, d: InterventionDetail | undefined): Status {
  const [start, end, takenById, responsibleId] = useWatch({ control: form.control, name: ['startAt', 'endAt', 'takenById', 'responsibleId'] });
  if (d && (d.status === 'cancelled' || d.status === 'finalized' || !form.formState.isDirty)) return d.status;
  return deriveStatus({
    startAt: start || null,
    endAt: end || null,
    takenById,
    responsibleId,
    assigneeConfirmedAt: d && d.takenById === takenById && toLocalInput(d.startAt, d.timeZone) === start && toLocalInput(d.endAt, d.timeZone) === end ? d.assigneeConfirmedAt : null,
    finalizedAt: null,
    cancelledAt: null,
  });
}
