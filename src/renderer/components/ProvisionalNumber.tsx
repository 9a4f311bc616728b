import { Badge, Text } from '@mantine/core';
import type { ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { isProvisional } from '../../shared/sync/provisional';

/**
 * Beside a document's number: a muted "provisional" tag while the hub has not confirmed it, and "was …" once the
 * final number replaced a provisional one, so a paper printed before still reads against the document.
 */
export function ProvisionalMark({ number, provisional, size = 'xs' }: { number: string | null | undefined; provisional?: string | null; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (number && isProvisional(number)) {
    return (
      <Badge size={size} color="gray" variant="light" title={t('provisionalNumber.hint')} data-testid="provisional-tag" style={{ flexShrink: 0 }}>
        {t('provisionalNumber.tag')}
      </Badge>
    );
  }
  if (number && provisional && provisional !== number) {
    return (
      <Text span size={size} c="dimmed" data-testid="provisional-was" style={{ whiteSpace: 'nowrap' }}>
        {t('provisionalNumber.was', { number: provisional })}
      </Text>
    );
  }
  return null;
}

/**
 * A grid's number cell: the number, and its provisional tag while it is one — the number muted and slanted too, so a
 * narrow column cut before the tag still tells it apart; the whole of it in the tooltip.
 */
export function NumberCell(p: ICellRendererParams<unknown, string | null>) {
  const { t } = useTranslation();
  if (!p.value || !isProvisional(p.value)) return <>{p.value ?? ''}</>;
  return (
    <span title={`${p.value} — ${t('provisionalNumber.hint')}`} data-provisional="1" style={{ fontStyle: 'italic', color: 'var(--mantine-color-dimmed)' }}>
      {p.value}{' '}
      <Text span size="xs" c="dimmed">
        ({t('provisionalNumber.tag')})
      </Text>
    </span>
  );
}
