import { Checkbox, MultiSelect, NumberInput, Select, type CheckboxProps, type MultiSelectProps, type NumberInputProps, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useWatch, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { getCountries } from 'libphonenumber-js/min';
import { useApiQuery } from '../app/apiQuery';
import { LANGUAGE_OPTIONS } from './languageOptions';

/**
 * Mantine inputs bound to a react-hook-form field by name: the Controller wiring (value, change, blur, focus on a
 * refusal) written once. Everything else is the input's own props.
 */
// A form's context and output types do not matter to one of its fields.
type Bound<T extends FieldValues> = { control: Control<T, any, any>; name: FieldPath<T> };
type Unbound<P> = Omit<P, 'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'checked'>;

export function SelectField<T extends FieldValues>({ control, name, ...input }: Bound<T> & Unbound<SelectProps>) {
  // An empty string is "nothing chosen" to the form and null to the Select.
  return <Controller control={control} name={name} render={({ field }) => <Select {...input} {...field} value={field.value || null} />} />;
}

export function MultiSelectField<T extends FieldValues>({ control, name, ...input }: Bound<T> & Unbound<MultiSelectProps>) {
  return <Controller control={control} name={name} render={({ field }) => <MultiSelect {...input} {...field} />} />;
}

export function NumberField<T extends FieldValues>({ control, name, ...input }: Bound<T> & Unbound<NumberInputProps>) {
  return <Controller control={control} name={name} render={({ field }) => <NumberInput {...input} {...field} />} />;
}

export function CheckboxField<T extends FieldValues>({ control, name, ...input }: Bound<T> & Unbound<CheckboxProps>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <Checkbox {...input} checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} onBlur={field.onBlur} ref={field.ref} />}
    />
  );
}

/** The six interface languages, by their own names (the same list wherever a language is chosen). */
export { LANGUAGE_OPTIONS };

/** Every IANA zone the runtime knows, searchable: a branch's or the organization's clock. */
export function TimeZoneField<T extends FieldValues>(p: Bound<T> & Unbound<SelectProps>) {
  const { t } = useTranslation();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return <SelectField label={t('fields.timeZone')} data={zones} searchable allowDeselect={false} limit={60} {...p} />;
}

/** One of the interface languages (a user's, a client's). */
export function LanguageField<T extends FieldValues>(p: Bound<T> & Unbound<SelectProps>) {
  return <SelectField data={LANGUAGE_OPTIONS} {...p} />;
}

/** The languages an organization works in. */
export function LanguagesField<T extends FieldValues>(p: Bound<T> & Unbound<MultiSelectProps>) {
  const { t } = useTranslation();
  return <MultiSelectField label={t('fields.languages')} data={LANGUAGE_OPTIONS} {...p} />;
}

/**
 * A country by its name in the reader's language, with its code: an organization's, an address's. `codes`: those
 * offered, in that order (default: every country, by name); the one chosen stays offered whatever the list.
 */
export function CountryField<T extends FieldValues>({ codes, ...p }: Bound<T> & Unbound<SelectProps> & { codes?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const chosen = useWatch({ control: p.control, name: p.name }) as string | undefined;
  const data = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language, 'en'], { type: 'region' });
    const options = [...new Set([...(codes ?? getCountries()), ...(chosen ? [chosen] : [])])]
      .filter((c) => /^[A-Z]{2}$/.test(c))
      .map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }));
    return codes ? options : options.sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [i18n.language, codes, chosen]);
  return <SelectField label={t('fields.country')} data={data} searchable allowDeselect={false} {...p} />;
}

/** A colleague by name, searchable (`users.directory`); one who has left stays offered where they are already named. */
export function ColleagueField<T extends FieldValues>(p: Bound<T> & Unbound<SelectProps>) {
  const { t } = useTranslation();
  const users = useApiQuery('users.directory', { includeInactive: true });
  const chosen = useWatch({ control: p.control, name: p.name }) as string | null | undefined;
  const data = useMemo(() => (users.data ?? []).filter((u) => u.active || u.id === chosen).map((u) => ({ value: u.id, label: u.name })), [users.data, chosen]);
  return <SelectField data={data} searchable clearable nothingFoundMessage={t('grid.noRows')} {...p} />;
}
