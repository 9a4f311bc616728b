import { useState } from 'react';
import { Checkbox, ColorInput, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServiceRow } from '../../../shared/api/schedule';
import type { BranchRow } from '../../../shared/api/organization';
import { fromMinor, minorDigits, toMinor } from '../../../shared/rules/money';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';

interface Props {
  opened: boolean;
  service: ServiceRow | null;
  branch: BranchRow;
  onClose(): void;
}

/** Colours a clerk tells apart at a glance on the calendar (Mantine's palette, shade 7). */
const SWATCHES = ['#c92a2a', '#a61e4d', '#862e9c', '#5f3dc4', '#364fc7', '#1864ab', '#0b7285', '#087f5b', '#2b8a3e', '#5c940d', '#e67700', '#d9480f'];
const CURRENCIES = ['EUR', 'AMD', 'USD', 'GBP', 'RON', 'RUB', 'PLN', 'SEK', 'NOK', 'CHF'];
const FIELDS = ['name', 'durationMin', 'priceMinor', 'currency', 'colour', 'performerIds'] as const;
type Field = (typeof FIELDS)[number];

function ServiceBody(p: Props) {
  const { t } = useTranslation();
  const s = p.service;
  // A new service takes the currency the branch already prices in.
  const others = useApiQuery('services.list', { branchId: p.branch.id, includeInactive: true });
  const people = useApiQuery('users.directory', { branchId: p.branch.id });
  const [name, setName] = useState(s?.name ?? '');
  const [duration, setDuration] = useState<number | string>(s?.durationMin ?? 30);
  const [currency, setCurrency] = useState<string | null>(s?.currency ?? null);
  const cur = currency ?? others.data?.[0]?.currency ?? 'EUR';
  const [price, setPrice] = useState<number | string>(s ? fromMinor(s.priceMinor, s.currency) : 0);
  // Until one is chosen, a new service takes the next colour the branch does not use yet.
  const [chosenColour, setColour] = useState<string | null>(s?.colour ?? null);
  const colour = chosenColour ?? SWATCHES.find((c) => !(others.data ?? []).some((o) => o.colour === c)) ?? SWATCHES[0]!;
  const [performers, setPerformers] = useState<string[]>(s?.performerIds ?? []);
  const [active, setActive] = useState(s?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenGone = performers.filter((id) => !(people.data ?? []).some((u) => u.id === id));
  const options = [...(people.data ?? []).map((u) => ({ value: u.id, label: u.name })), ...chosenGone.map((id) => ({ value: id, label: '?' }))];

  const submit = async () => {
    setErrors({});
    setFailure(null);
    setBusy(true);
    const fields = { name, durationMin: Number(duration), priceMinor: toMinor(Number(price), cur), currency: cur, colour: colour.toLowerCase(), performerIds: performers };
    try {
      if (s) await call('services.update', { id: s.id, version: s.version, ...fields, active });
      else await call('services.create', { branchId: p.branch.id, ...fields });
      p.onClose();
    } catch (err) {
      const field = apiError(err)?.field?.split('.')[0] as Field | undefined;
      if (field && FIELDS.includes(field)) setErrors({ [field]: errorText(t, err) });
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="service-dialog"
    >
      <Stack gap="xs">
        <DialogFailure message={failure} testId="service-refusal" />
        <TextInput label={t('schedule.name')} value={name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus data-testid="service-name" />
        <SimpleGrid cols={3} spacing="xs">
          <NumberInput label={t('schedule.duration')} value={duration} onChange={setDuration} min={5} max={1440} step={5} allowDecimal={false} error={errors.durationMin} data-testid="service-duration" />
          <NumberInput
            label={t('schedule.price')}
            value={price}
            onChange={setPrice}
            min={0}
            decimalScale={minorDigits(cur)}
            fixedDecimalScale
            error={errors.priceMinor}
            data-testid="service-price"
          />
          <Select label={t('schedule.currency')} data={[...new Set([cur, ...CURRENCIES])]} value={cur} onChange={(v) => v && setCurrency(v)} allowDeselect={false} searchable error={errors.currency} data-testid="service-currency" />
        </SimpleGrid>
        <ColorInput label={t('schedule.colour')} value={colour} onChange={setColour} format="hex" swatches={SWATCHES} swatchesPerRow={12} error={errors.colour} data-testid="service-colour" />
        <MultiSelect
          label={t('schedule.performers')}
          placeholder={performers.length ? undefined : t('schedule.anyone')}
          data={options}
          value={performers}
          onChange={setPerformers}
          searchable
          error={errors.performerIds}
          data-testid="service-performers"
        />
        {s && <Checkbox label={t('schedule.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="service-active" />}
        <DialogButtons onCancel={p.onClose} label={t('common.save')} onConfirm={() => void submit()} busy={busy} testId="service-save" />
        <button type="submit" hidden />
      </Stack>
    </form>
  );
}

export const ServiceDialog = freshDialog((t, p: Props) => t(p.service ? 'schedule.editService' : 'schedule.newService'), 'md', ServiceBody);
