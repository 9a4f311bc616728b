import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority, Status } from '../../../shared/api/interventions';

const STATUS_COLOR: Record<Status, string> = { received: 'orange', allocated: 'blue', confirmed: 'teal', finalized: 'green', cancelled: 'gray' };

/** A document's status and, when high, its priority: the two marks a dispatcher reads first. */
export function StatusBadge({ status, priority }: { status: Status; priority?: Priority }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge size="xs" variant="light" tt="none" color={STATUS_COLOR[status]}>
        {t(`interventions.statuses.${status}`)}
      </Badge>
      {priority === 'high' && (
        <Badge size="xs" variant="light" tt="none" color="red" ml={4}>
          {t('interventions.priorities.high')}
        </Badge>
      )}
    </>
  );
}
