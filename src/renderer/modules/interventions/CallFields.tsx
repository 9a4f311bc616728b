import { Grid, Input, SegmentedControl, Textarea } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../shared/api/interventions';
import { NomenclatureSelect } from '../nomenclature/NomenclatureSelect';
import { FieldCol, MarkedCol, type SectionProps } from './formFields';
import { PRIORITY_COLOR, priorityLabel } from './model';
import { ObjectSelect } from './ObjectSelect';
import type { ClientLinks } from './useFormLinks';

/**
 * What the caller says right after who they are, in the order they say it: the problem (notes), how urgent it is,
 * what kind of work, on which object. The layout follows the Tab order, so the eye goes where the keys go.
 */
export function CallFields({ form, readOnly, detail: d, links }: SectionProps & { links: ClientLinks }) {
  const { t } = useTranslation();
  const clientId = useWatch({ control: form.control, name: 'clientId' });
  const col = { form, readOnly };
  return (
    <>
      <MarkedCol name="notes" span={12}>
        <Textarea label={t('interventions.col.notes')} autosize minRows={2} maxRows={5} maxLength={4000} {...form.register('notes')} error={form.formState.errors.notes?.message} data-testid="f-notes" />
      </MarkedCol>
      <FieldCol
        {...col}
        name="priority"
        span={4}
        render={(f) => (
          <Input.Wrapper size="xs" label={t('interventions.col.priority')}>
            <SegmentedControl
              fullWidth
              size="xs"
              value={f.value}
              onChange={(v) => f.onChange(v as typeof f.value)}
              color={PRIORITY_COLOR[f.value]}
              data={PRIORITIES.map((pr) => ({ value: pr, label: priorityLabel(t, pr) }))}
              disabled={f.disabled}
              data-testid="f-priority"
            />
          </Input.Wrapper>
        )}
      />
      <FieldCol {...col} name="typeId" span={4} render={(f) => <NomenclatureSelect {...f} kind="intervention_type" label={t('interventions.col.type')} data-testid="f-type" />} />
      <FieldCol
        {...col}
        name="objectProductId"
        span={4}
        render={(f) => <ObjectSelect {...f} onChange={links.pickObject} label={t('interventions.col.object')} clientId={clientId} excludeId={d?.id ?? null} data-testid="f-object" />}
      />
    </>
  );
}
