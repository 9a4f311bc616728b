import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { zoneCity, zonesDiffer } from '../../../shared/rules/zonedTime';
import { useApiQuery } from '../../app/apiQuery';
import { deviceZone, useFormat } from '../../app/format';
import { HomeSection } from './HomeSection';
import { DocumentLink, HomeTable } from './HomeTable';
import { StatusBadge } from './StatusBadge';

/**
 * Today's appointments in the person's branches, each on its branch's clock; their own are in bold. A day without
 * any (Sunday) shows the next day's, saying which day they are.
 */
export function AppointmentsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useApiQuery('home.appointments', {});
  const rows = q.data?.rows ?? [];
  // Times only (the day is today on each branch's calendar), on the branch's clock, named where this computer's differs.
  const time = (iso: string, tz: string) => new Intl.DateTimeFormat(fmt.locale, { timeStyle: 'short', timeZone: tz }).format(new Date(iso));
  const place = (iso: string, tz: string) => (zonesDiffer(tz, deviceZone(), Date.parse(iso)) ? ` ${zoneCity(tz)}` : '');
  const next = q.data?.next;
  // A calendar date, the same on every clock: written at UTC midnight so no zone moves it.
  const day = (date: string) => new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));
  return (
    <HomeSection title={t('home.appointments')} testId="home-appointments" count={q.data?.total} loading={q.isPending} error={q.error} isEmpty={rows.length === 0} empty={t('home.noAppointments')}>
      {next && (
        <Text size="xs" fw={600} mb={4} data-testid="home-appointments-next" data-date={next}>
          {t('home.nextAppointments', { day: day(next) })}
        </Text>
      )}
      <HomeTable titles={[t('home.time'), t('interventions.col.client'), t('interventions.col.takenBy'), t('interventions.col.status')]}>
        {rows.map((r) => (
          <Table.Tr key={r.id} data-testid="home-appointment" fw={r.mine ? 700 : undefined}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {time(r.start, r.timeZone)}–{time(r.end, r.timeZone)}
              {place(r.start, r.timeZone)}
            </Table.Td>
            <Table.Td maw={200} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              <DocumentLink id={r.id} client={r.client} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.person ?? ''}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <StatusBadge status={r.status} priority={r.priority} />
            </Table.Td>
          </Table.Tr>
        ))}
      </HomeTable>
    </HomeSection>
  );
}
