/** What the intervention form's sections share: the form, whether it may be edited, and one shape for every choice field. */
import type { ReactNode, Ref } from 'react';
import { useController, type UseFormReturn } from 'react-hook-form';
import type { InterventionDetail } from '../../../shared/api/interventions';
import type { InterventionFormValues, InterventionInput } from './formValues';

export type InterventionFormApi = UseFormReturn<InterventionFormValues, unknown, InterventionInput>;

export interface SectionProps {
  form: InterventionFormApi;
  readOnly: boolean;
  /** The stored document (undefined for a new one). */
  detail: InterventionDetail | undefined;
}

type Field = keyof InterventionFormValues & string;
/** The fields that hold one chosen id, or none. */
export type ChoiceName = { [K in Field]: null extends InterventionFormValues[K] ? K : never }[Field];

export interface ChoiceField {
  ref: Ref<HTMLInputElement>;
  value: string | null;
  onChange(value: string | null): void;
  onBlur(): void;
  /** The field's refusal, translated (the contract's check or main's). */
  error: string | undefined;
  disabled: boolean;
}

/** One choice of the form, handed to whichever select draws it: `render={(f) => <UserSelect {...f} label=… />}`. */
export function Choice({ form, name, readOnly, render }: { form: InterventionFormApi; name: ChoiceName; readOnly: boolean; render(f: ChoiceField): ReactNode }) {
  const { field, fieldState } = useController({ control: form.control, name });
  return <>{render({ ref: field.ref, value: field.value, onChange: field.onChange, onBlur: field.onBlur, error: fieldState.error?.message, disabled: readOnly })}</>;
}
