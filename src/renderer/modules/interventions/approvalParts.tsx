import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { approvalRow } from '../../../shared/api/interventions';
import type { Fmt } from './model';

type Approval = z.infer<typeof approvalRow>;

/** What an approval asks for, coloured: a cancellation red, a finalization green. */
export function ApprovalKind({ kind }: { kind: Approval['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" tt="none" variant="light" color={kind === 'cancel' ? 'red' : 'green'}>
      {t(`interventions.approvals.kinds.${kind}`)}
    </Badge>
  );
}

/** Who asked, and when. */
export function requestedLine(a: Pick<Approval, 'requestedBy' | 'requestedAt'>, fmt: Fmt): string {
  return `${a.requestedBy ?? ''} · ${fmt.dateTime(a.requestedAt)}`;
}
