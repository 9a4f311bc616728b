import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isClientBound, type NomenclatureKind } from '../../../shared/api/nomenclature';
import { NomenclatureSelect } from '../nomenclature/NomenclatureSelect';
import { FieldCol, type ChoiceName, type SectionProps } from './formFields';

/** The form's last rows (beside the serial and the real-request mark): vehicle and zone, the client's contract and estimate, the three classifications. */
const ROWS: { name: ChoiceName; kind: NomenclatureKind; label: string; span: number; testId: string }[] = [
  { name: 'vehicleId', kind: 'vehicle', label: 'interventions.col.vehicle', span: 3, testId: 'f-vehicle' },
  { name: 'zoneId', kind: 'zone', label: 'interventions.col.zone', span: 3, testId: 'f-zone' },
  { name: 'contractId', kind: 'contract', label: 'interventions.form.contract', span: 6, testId: 'f-contract' },
  { name: 'estimateId', kind: 'estimate', label: 'interventions.form.estimate', span: 6, testId: 'f-estimate' },
  { name: 'classificationId', kind: 'classification', label: 'interventions.col.classification', span: 4, testId: 'f-class1' },
  { name: 'classification2Id', kind: 'classification2', label: 'interventions.col.classification2', span: 4, testId: 'f-class2' },
  { name: 'classification3Id', kind: 'classification3', label: 'interventions.col.classification3', span: 4, testId: 'f-class3' },
];

export function ClassificationFields({ form, readOnly }: Omit<SectionProps, 'detail'>) {
  const { t } = useTranslation();
  const clientId = useWatch({ control: form.control, name: 'clientId' });
  return ROWS.map((r) => (
    <FieldCol
      key={r.name}
      form={form}
      name={r.name}
      span={r.span}
      readOnly={readOnly}
      render={(f) => <NomenclatureSelect {...f} kind={r.kind} clientId={isClientBound(r.kind) ? clientId : undefined} label={t(r.label)} data-testid={r.testId} />}
    />
  ));
}
