import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Select, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { ConfirmDialog, ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys, type Column } from '../../components/screen';

type Period = Output<'periods.list'>[number];

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function PeriodsScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const canApprove = can('periods', 'approve');
  const nowYear = new Date().getFullYear();
  const [year, setYear] = useState(nowYear);
  const [confirming, setConfirming] = useState<Period | null>(null);
  const periods = useApiQuery('periods.list', { year });
  const list = useListSelection(periods.data, (p) => p.month, periods.isLoading, thisMonth());
  const refresh = () => void qc.invalidateQueries({ queryKey: ['periods.list'] });
  useScreenKeys({ enabled: !confirming, onRefresh: refresh });

  const years = Array.from({ length: 13 }, (_, i) => nowYear - 10 + i).filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
  if (!years.includes(year)) years.push(year);
  years.sort((a, b) => b - a);
  const goYear = (y: number) => {
    if (y < MIN_YEAR || y > MAX_YEAR) return;
    setYear(y);
    list.select(null);
  };

  const current = thisMonth();
  const monthName = (m: string) => {
    const s = fmt.month(m);
    return s.charAt(0).toLocaleUpperCase(fmt.locale) + s.slice(1);
  };

  const columns: Column<Period>[] = [
    {
      key: 'month',
      header: t('fields.month'),
      width: 220,
      render: (p) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={p.month === current ? 600 : undefined}>
            {monthName(p.month)}
          </Text>
          {p.month === current && (
            <Badge size="xs" variant="light" color="indigo">
              {t('periods.current')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'state',
      header: t('periods.state'),
      width: 120,
      render: (p) => (
        <Badge size="sm" variant="light" color={p.locked ? 'red' : 'teal'} data-testid={`period-state-${p.month}`}>
          {p.locked ? t('periods.locked') : t('periods.open')}
        </Badge>
      ),
    },
    { key: 'lockedAt', header: t('periods.lockedAt'), width: 170, render: (p) => fmt.dateTime(p.lockedAt) },
    { key: 'lockedBy', header: t('periods.lockedBy'), render: (p) => p.lockedBy ?? '' },
  ];
  if (canApprove) {
    columns.push({
      key: 'action',
      header: t('fields.action'),
      headerHidden: true,
      width: 110,
      align: 'right',
      render: (p) => (
        <Button
          size="compact-xs"
          variant="default"
          w={80}
          onClick={() => {
            list.select(p.month);
            setConfirming(p);
          }}
          data-testid={`period-${p.locked ? 'unlock' : 'lock'}-${p.month}`}
        >
          {p.locked ? t('periods.unlock') : t('periods.lock')}
        </Button>
      ),
    });
  }

  const act = async (p: Period) => {
    if (p.locked) await call('periods.unlock', { month: p.month });
    else await call('periods.lock', { month: p.month });
    await qc.invalidateQueries({ queryKey: ['periods.list'] });
  };

  return (
    <div className="planora-page" data-testid="periods-screen">
      <ScreenHeader title={t('periods.title')}>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="default" size="md" aria-label={t('periods.prevYear')} onClick={() => goYear(year - 1)} disabled={year <= MIN_YEAR}>
            ‹
          </ActionIcon>
          <Select
            aria-label={t('periods.year')}
            data={years.map(String)}
            value={String(year)}
            onChange={(v) => v && goYear(Number(v))}
            allowDeselect={false}
            w={90}
            data-testid="periods-year"
          />
          <ActionIcon variant="default" size="md" aria-label={t('periods.nextYear')} onClick={() => goYear(year + 1)} disabled={year >= MAX_YEAR}>
            ›
          </ActionIcon>
        </Group>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <Text size="xs" c="dimmed">
        {t('periods.hint')}
      </Text>
      <ErrorBanner message={periods.error ? errorText(t, periods.error) : null} onClose={refresh} />
      <ListTable
        label={t('periods.title')}
        testId="periods-table"
        columns={columns}
        {...list.table}
        onOpen={canApprove ? (p) => setConfirming(p) : undefined}
      />
      <ConfirmDialog
        opened={!!confirming}
        title={confirming?.locked ? t('periods.unlockTitle') : t('periods.lockTitle')}
        message={t(confirming?.locked ? 'periods.confirmUnlock' : 'periods.confirmLock', { month: confirming ? monthName(confirming.month) : '' })}
        confirmLabel={confirming?.locked ? t('periods.unlock') : t('periods.lock')}
        color={confirming?.locked ? 'indigo' : 'red'}
        onClose={() => setConfirming(null)}
        onConfirm={() => (confirming ? act(confirming) : Promise.resolve())}
      />
    </div>
  );
}
