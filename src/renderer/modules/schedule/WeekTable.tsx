import { useRef, type KeyboardEvent } from 'react';
import { Table, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScheduleRow } from '../../../shared/api/schedule';
import { useFormat } from '../../app/format';
import { EmptyRow } from '../../components/tableParts';
import { formatIntervals, hoursOf } from './intervalsText';
import { WEEKDAYS, useWeekdayNames, type Weekday } from './weekdays';
import classes from './schedule.module.css';

/**
 * The branch's people × weekdays, each cell the day's hours. A grid of buttons: arrows move between cells, Enter
 * (or a click) on a day opens it when the reader may set hours, and moving onto a row chooses its person.
 */
export function WeekTable(p: { rows: ScheduleRow[]; loading: boolean; selected: string | null; onSelect(userId: string): void; onEdit?(row: ScheduleRow, day: Weekday): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useWeekdayNames();
  const box = useRef<HTMLTableElement>(null);

  const move = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!cell) return;
    const [r, c] = cell.dataset.cell!.split(':').map(Number) as [number, number];
    const to: Record<string, [number, number]> = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1], Home: [r, 0], End: [r, 7] };
    const next = to[e.key];
    if (!next) return;
    const target = box.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}:${next[1]}"]`);
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };

  return (
    <Table ref={box} onKeyDown={move} withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} fz="sm" className={classes.week} data-testid="week-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={190}>{t('schedule.person')}</Table.Th>
          {WEEKDAYS.map((d) => (
            <Table.Th key={d} title={names[d].long}>
              {names[d].short}
            </Table.Th>
          ))}
          <Table.Th w={90} ta="right">
            {t('schedule.weekTotal')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.rows.map((row, r) => {
          const sel = row.userId === p.selected;
          const total = WEEKDAYS.reduce((n, d) => n + hoursOf(row.week[d]), 0);
          return (
            <Table.Tr key={row.userId} data-selected={sel || undefined} aria-selected={sel} data-testid={`week-row-${row.userName}`}>
              <Table.Td>
                <UnstyledButton className={classes.cell} data-cell={`${r}:0`} onClick={() => p.onSelect(row.userId)} onFocus={() => p.onSelect(row.userId)} fw={sel ? 700 : undefined}>
                  {row.userName}
                </UnstyledButton>
              </Table.Td>
              {WEEKDAYS.map((d, i) => {
                const text = formatIntervals(row.week[d]);
                return (
                  <Table.Td key={d} p={0}>
                    <UnstyledButton
                      className={classes.cell}
                      data-cell={`${r}:${i + 1}`}
                      data-testid={`week-cell-${row.userName}-${d}`}
                      aria-label={`${row.userName}, ${names[d].long}: ${text || '—'}`}
                      onFocus={() => p.onSelect(row.userId)}
                      onClick={() => (p.onEdit ? p.onEdit(row, d) : p.onSelect(row.userId))}
                      c={text ? undefined : 'dimmed'}
                    >
                      {text ? text.split(', ').map((part) => <span key={part}>{part}</span>) : '—'}
                    </UnstyledButton>
                  </Table.Td>
                );
              })}
              <Table.Td ta="right">{fmt.number(Math.round(total * 10) / 10)}</Table.Td>
            </Table.Tr>
          );
        })}
        {!p.rows.length && <EmptyRow colSpan={9}>{p.loading ? t('common.loading') : t('schedule.noStaff')}</EmptyRow>}
      </Table.Tbody>
    </Table>
  );
}
