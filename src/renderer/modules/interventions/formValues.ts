/**
 * The intervention form's values and how they become the contract's input: text boxes hold strings, scheduled
 * times are wall clocks on the branch's clock (`timeZone`, not sent), and empty choices become null.
 */
import i18next from 'i18next';
import type { FieldValues, Resolver } from 'react-hook-form';
import { api, type ParsedInput } from '../../../shared/api';
import type { InterventionDetail, Priority } from '../../../shared/api/interventions';
import { cleanedResolver } from '../../components/screen';
import { editableFields } from '../../../shared/rules/interventions';
import { fromLocalInput, toLocalInput, today } from './model';

export type InterventionInput = ParsedInput<'interventions.create'>;

export interface InterventionFormValues extends FieldValues {
  branchId: string | null;
  clientId: string | null;
  contactId: string | null;
  priority: Priority;
  confirmedReal: boolean;
  typeId: string | null;
  seriesId: string | null;
  docDate: string;
  objectProductId: string | null;
  objectSerial: string;
  responsibleId: string | null;
  takenById: string | null;
  startAt: string;
  endAt: string;
  notes: string;
  contractId: string | null;
  estimateId: string | null;
  vehicleId: string | null;
  classificationId: string | null;
  classification2Id: string | null;
  classification3Id: string | null;
  zoneId: string | null;
  /** The branch's IANA zone: start and end are read and written on its clock. Follows the branch; never sent. */
  timeZone: string;
}

/** Fields of the form: a refusal from main naming one of them is shown at that field. */
export const FORM_FIELDS = [
  'branchId',
  'clientId',
  'notes',
  'priority',
  'typeId',
  'objectProductId',
  'startAt',
  'endAt',
  'takenById',
  'contactId',
  'responsibleId',
  'seriesId',
  'docDate',
  'objectSerial',
  'confirmedReal',
  'vehicleId',
  'zoneId',
  'contractId',
  'estimateId',
  'classificationId',
  'classification2Id',
  'classification3Id',
] as const;

export function newValues(branchId: string | null, timeZone: string): InterventionFormValues {
  return {
    branchId,
    clientId: null,
    contactId: null,
    priority: 'medium',
    confirmedReal: false,
    typeId: null,
    seriesId: null,
    docDate: today(timeZone),
    objectProductId: null,
    objectSerial: '',
    responsibleId: null,
    takenById: null,
    startAt: '',
    endAt: '',
    notes: '',
    contractId: null,
    estimateId: null,
    vehicleId: null,
    classificationId: null,
    classification2Id: null,
    classification3Id: null,
    zoneId: null,
    timeZone,
  };
}

export function valuesFromDetail(d: InterventionDetail): InterventionFormValues {
  return {
    ...editableFields(d),
    confirmedReal: d.confirmedReal,
    objectSerial: d.objectSerial ?? '',
    startAt: toLocalInput(d.startAt, d.timeZone),
    endAt: toLocalInput(d.endAt, d.timeZone),
    notes: d.notes ?? '',
    timeZone: d.timeZone,
  };
}

/** Form values → what `interventions.create` / `update` take (before the contract checks them). */
export function toInput(v: InterventionFormValues): Record<string, unknown> {
  const trim = (s: string) => (s.trim() ? s.trim() : null);
  return {
    branchId: v.branchId ?? undefined,
    clientId: v.clientId ?? undefined,
    contactId: v.contactId,
    priority: v.priority,
    confirmedReal: v.confirmedReal,
    typeId: v.typeId,
    seriesId: v.seriesId,
    docDate: v.docDate ? v.docDate.replace(/^!/, '') : undefined,
    objectProductId: v.objectProductId,
    objectSerial: trim(v.objectSerial),
    responsibleId: v.responsibleId,
    takenById: v.takenById,
    // Text that is not a date goes as typed, so the contract names the field.
    startAt: v.startAt.startsWith('!') ? v.startAt.slice(1) : fromLocalInput(v.startAt, v.timeZone),
    endAt: v.endAt.startsWith('!') ? v.endAt.slice(1) : fromLocalInput(v.endAt, v.timeZone),
    notes: trim(v.notes),
    contractId: v.contractId,
    estimateId: v.estimateId,
    vehicleId: v.vehicleId,
    classificationId: v.classificationId,
    classification2Id: v.classification2Id,
    classification3Id: v.classification3Id,
    zoneId: v.zoneId,
  };
}

/** The contract's own schema checks the form, so it says exactly what main would, with the same messages. */
export function interventionResolver(): Resolver<InterventionFormValues, unknown, InterventionInput> {
  const inner = cleanedResolver<InterventionFormValues, (typeof api)['interventions.create']['input']>(api['interventions.create'].input, toInput);
  return async (values, ctx, opts) => {
    const res = await inner(values, ctx, opts);
    // The end must come after the start: said here at once, main says it again.
    if (Object.keys(res.errors).length === 0 && values.startAt && values.endAt && !values.startAt.startsWith('!') && values.endAt <= values.startAt) {
      return { values: {}, errors: { endAt: { type: 'validation', message: i18next.t('errors.end_before_start') } } };
    }
    return res;
  };
}
