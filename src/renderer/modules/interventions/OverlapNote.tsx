import { Alert, Grid, Text } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import type { InterventionFormApi } from './formFields';
import { fromLocalInput } from './model';

export interface PlannedSlot {
  personId: string | null | undefined;
  /** Who, as the screen names them; "the technician" when unknown. */
  person?: string | null;
  startAt: string | null | undefined;
  endAt: string | null | undefined;
  /** The document being planned, which never clashes with itself. */
  excludeId?: string | null;
}

const instant = (s: string | null | undefined): s is string => !!s && !s.startsWith('!') && !Number.isNaN(Date.parse(s));

/**
 * A warning, not a refusal, when the person already has work in the planned time (main checks, in the caller's
 * branches): dispatchers do book two short visits in one slot on purpose, so saving stays allowed.
 */
export function OverlapNote(p: PlannedSlot & { withAllowed?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ready = !!p.personId && instant(p.startAt) && instant(p.endAt) && p.startAt! < p.endAt!;
  const input = { personId: p.personId ?? '', startAt: p.startAt ?? '', endAt: p.endAt ?? '', excludeId: p.excludeId ?? null };
  const found = useApiQuery('interventions.overlaps', input, { enabled: ready, staleTime: 5_000 });
  if (!ready || !found.data?.length) return null;
  const list = found.data.map((o) => `${o.number ?? ''} ${o.client} (${fmt.zoned(o.start, o.timeZone, false)}–${fmt.zoned(o.end, o.timeZone, false)})`.trim()).join('; ');
  return (
    <Alert color="orange" p={4} px={8} role="status" data-testid="overlap-warning">
      <Text size="sm">{t('interventions.overlap.warning', { person: p.person || t('interventions.overlap.technician'), list })}</Text>
      {p.withAllowed !== false && (
        <Text size="xs" c="dimmed">
          {t('interventions.overlap.allowed')}
        </Text>
      )}
    </Alert>
  );
}

/** The form's planned slot (wall clocks on the branch's clock) as instants, once both ends read as times. */
function plannedInstant(v: string, tz: string): string | null {
  if (!v || v.startsWith('!')) return null;
  try {
    return fromLocalInput(v, tz);
  } catch {
    // Half-typed: no warning until it is a time.
    return null;
  }
}

/** In the intervention form: the assignee's other work in the planned time, as the fields change. */
export function FormOverlapNote({ form, id }: { form: InterventionFormApi; id: string | null }) {
  const [personId, startAt, endAt, timeZone] = useWatch({ control: form.control, name: ['takenById', 'startAt', 'endAt', 'timeZone'] });
  return (
    <Grid.Col span={12} py={0}>
      <OverlapNote personId={personId} startAt={plannedInstant(startAt, timeZone)} endAt={plannedInstant(endAt, timeZone)} excludeId={id} />
    </Grid.Col>
  );
}
