import { Badge, Drawer, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InterventionDetail } from '../../../shared/api/interventions';
import { documentName } from '../../../shared/rules/series';
import { useFormat } from '../../app/format';
import { ProvisionalMark } from '../../components/ProvisionalNumber';
import { STATUS_COLOR, statusLabel } from './model';

/** The drawer's title: the document's number and date, its stored status, and whether it is valid or waits for approval. */
export function FormHeader({ isNew, detail: d }: { isNew: boolean; detail: InterventionDetail | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = isNew
    ? t('interventions.form.new')
    : d
      ? t('interventions.form.title', { number: documentName(d.number, t('interventions.form.draft')), date: fmt.date(`${d.docDate}T12:00:00Z`) })
      : t('common.loading');
  return (
    <Drawer.Header py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="xs" wrap="nowrap">
        <Drawer.Title fw={700} data-testid="intervention-form-title">
          {title}
        </Drawer.Title>
        {!isNew && d && (
          <>
            <ProvisionalMark number={d.number} provisional={d.provisionalNumber} />
            <Badge color={STATUS_COLOR[d.status]} variant="filled" data-testid="intervention-status" data-status={d.status}>
              {statusLabel(t, d.status)}
            </Badge>
            {d.valid && (
              <Badge color="indigo" variant="light" data-testid="intervention-valid">
                {t('interventions.col.valid')}
              </Badge>
            )}
            {d.pendingApproval && (
              <Badge color="orange" variant="light" data-testid="intervention-pending">
                {t(`interventions.form.pending.${d.pendingApproval}`)}
              </Badge>
            )}
          </>
        )}
      </Group>
      <Drawer.CloseButton aria-label={t('common.close')} tabIndex={-1} />
    </Drawer.Header>
  );
}
