import { useRef, useState } from 'react';
import { ActionIcon, Badge, Group, NumberInput, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useFieldArray, useController, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { useFormat } from '../../../app/format';
import { KeySelect } from '../../interventions/selects';
import { ProductSelect } from '../../nomenclature/NomenclatureSelect';
import { formatMoney, linesTotal } from './money';
import { MoneyInput } from './MoneyInput';
import { serviceLine } from './serviceRules';
import type { VisitFormApi } from './VisitFields';
import type { LineValues } from './visitValues';

/** Services and products of the visit with quantity and price; the total below is what the payments must cover. */
export function VisitLines({ form, readOnly, services, currency }: { form: VisitFormApi; readOnly: boolean; services: readonly ServiceRow[]; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'lines' });
  const lines = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const money = (minor: number) => formatMoney(minor, currency, fmt.locale);
  // The pickers start empty again after each line they add.
  const [picked, setPicked] = useState(0);
  // One Enter reaches the picker twice (the list's own submit and the key handler): the line is added once.
  const adding = useRef(false);
  const add = (line: LineValues) => {
    if (adding.current) return;
    adding.current = true;
    setTimeout(() => (adding.current = false));
    append(line);
    setPicked((n) => n + 1);
  };
  const linesError = form.formState.errors.lines?.message ?? form.formState.errors.lines?.root?.message;

  return (
    <div data-testid="visit-lines">
      <Table withTableBorder verticalSpacing={2} horizontalSpacing={6} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('visit.lineName')}</Table.Th>
            <Table.Th w={70}>{t('visit.quantity')}</Table.Th>
            <Table.Th w={110}>{t('visit.price')}</Table.Th>
            <Table.Th w={100} ta="right">
              {t('visit.amount')}
            </Table.Th>
            <Table.Th w={30}>
              <VisuallyHidden>{t('common.remove')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f, i) => (
            <LineRow key={f.id} form={form} index={i} readOnly={readOnly} currency={currency} amount={money((Number(lines[i]?.quantity) || 0) * (Number(lines[i]?.priceMinor) || 0))} onRemove={() => remove(i)} />
          ))}
          {fields.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="xs" c="dimmed">
                  {t('visit.noLines')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={3} ta="right">
              {t('visit.total')}
            </Table.Th>
            <Table.Th ta="right" data-testid="visit-total">
              {money(linesTotal(lines))}
            </Table.Th>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {linesError && (
        <Text size="xs" c="red" role="alert">
          {linesError}
        </Text>
      )}
      {!readOnly && (
        <Group gap="xs" mt={4} grow>
          <KeySelect
            key={`s${picked}`}
            value={null}
            onChange={(id) => {
              const s = services.find((x) => x.id === id);
              if (s) add(serviceLine(s));
            }}
            data={services.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name} · ${money(s.priceMinor)}` }))}
            placeholder={t('visit.addService')}
            aria-label={t('visit.addService')}
            clearable={false}
            data-testid="visit-add-service"
          />
          <ProductSelect
            key={`p${picked}`}
            value={null}
            clearable={false}
            onChange={(id, option) => {
              if (id && option) add({ kind: 'product', serviceId: null, productId: id, name: option.label, quantity: 1, priceMinor: 0 });
            }}
            placeholder={t('visit.addProduct')}
            aria-label={t('visit.addProduct')}
            data-testid="visit-add-product"
          />
        </Group>
      )}
    </div>
  );
}

function LineRow(p: { form: VisitFormApi; index: number; readOnly: boolean; currency: string; amount: string; onRemove(): void }) {
  const { t } = useTranslation();
  const kind = useWatch({ control: p.form.control, name: `lines.${p.index}.kind` });
  const qty = useController({ control: p.form.control, name: `lines.${p.index}.quantity` });
  const price = useController({ control: p.form.control, name: `lines.${p.index}.priceMinor` });
  const nameError = p.form.formState.errors.lines?.[p.index]?.name?.message;
  return (
    <Table.Tr data-testid={`visit-line-${p.index}`}>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge size="xs" variant="light" color={kind === 'service' ? 'blue' : 'grape'}>
            {t(kind === 'service' ? 'visit.kindService' : 'visit.kindProduct')}
          </Badge>
          <TextInput {...p.form.register(`lines.${p.index}.name`)} aria-label={t('visit.lineName')} error={nameError} disabled={p.readOnly} style={{ flex: 1 }} />
        </Group>
      </Table.Td>
      <Table.Td>
        <NumberInput
          ref={qty.field.ref}
          value={qty.field.value}
          onChange={(v) => qty.field.onChange(v === '' ? '' : Number(v))}
          onBlur={qty.field.onBlur}
          aria-label={t('visit.quantity')}
          min={1}
          max={1000}
          allowDecimal={false}
          hideControls
          error={qty.fieldState.error?.message}
          disabled={p.readOnly}
          data-testid={`visit-line-${p.index}-qty`}
        />
      </Table.Td>
      <Table.Td>
        <MoneyInput
          ref={price.field.ref}
          value={price.field.value}
          onChange={price.field.onChange}
          onBlur={price.field.onBlur}
          currency={p.currency}
          aria-label={t('visit.price')}
          error={price.fieldState.error?.message}
          disabled={p.readOnly}
          data-testid={`visit-line-${p.index}-price`}
        />
      </Table.Td>
      <Table.Td ta="right">{p.amount}</Table.Td>
      <Table.Td>
        {!p.readOnly && (
          <ActionIcon variant="subtle" color="red" size="sm" onClick={p.onRemove} aria-label={t('common.remove')} data-testid={`visit-line-${p.index}-remove`}>
            ×
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
