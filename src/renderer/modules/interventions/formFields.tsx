/** What the intervention form's sections share: the form, whether it may be edited, and one shape for every field. */
import type { CSSProperties, ReactNode, Ref } from 'react';
import { Grid } from '@mantine/core';
import { useController, type UseFormReturn } from 'react-hook-form';
import type { InterventionDetail } from '../../../shared/api/interventions';
import type { FORM_FIELDS, InterventionFormValues, InterventionInput } from './formValues';
import { ChangedMark, useChangedStyle } from './SavedElsewhere';

export type InterventionFormApi = UseFormReturn<InterventionFormValues, unknown, InterventionInput>;

export interface SectionProps {
  form: InterventionFormApi;
  readOnly: boolean;
  /** The stored document (undefined for a new one). */
  detail: InterventionDetail | undefined;
}

export type FormField = (typeof FORM_FIELDS)[number];

/** The fields that hold one chosen id, or none. */
export type ChoiceName = { [K in FormField]: null extends InterventionFormValues[K] ? K : never }[FormField];

export interface FieldProps<V> {
  ref: Ref<HTMLInputElement>;
  value: V;
  onChange(value: V): void;
  onBlur(): void;
  /** The field's refusal, translated (the contract's check or main's). */
  error: string | undefined;
  disabled: boolean;
}

/**
 * One field of the form in its column of the form's grid, handed to whichever input draws it:
 * `<FieldCol span={4} name="takenById" render={(f) => <UserSelect {...f} label=… />} />`.
 */
export function FieldCol<N extends FormField>(p: { form: InterventionFormApi; name: N; span: number; readOnly?: boolean; style?: CSSProperties; render(f: FieldProps<InterventionFormValues[N]>): ReactNode }) {
  const { field, fieldState } = useController({ control: p.form.control, name: p.name });
  const changed = useChangedStyle(p.name);
  return (
    <Grid.Col span={p.span} {...changed} style={{ ...p.style, ...changed.style }}>
      {p.render({ ref: field.ref, value: field.value, onChange: field.onChange, onBlur: field.onBlur, error: fieldState.error?.message, disabled: !!p.readOnly })}
      <ChangedMark name={p.name} />
    </Grid.Col>
  );
}

/** A column holding a field drawn by hand (a registered text box), marked like `FieldCol` when changed underneath. */
export function MarkedCol(p: { name: FormField; span: number; children: ReactNode }) {
  const changed = useChangedStyle(p.name);
  return (
    <Grid.Col span={p.span} {...changed}>
      {p.children}
      <ChangedMark name={p.name} />
    </Grid.Col>
  );
}
