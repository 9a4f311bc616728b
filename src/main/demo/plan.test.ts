import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../shared/api/interventions';
import { todayIn, wallClock } from '../../shared/rules/zonedTime';
import { AHEAD_DAYS, HISTORY_DAYS, planDemo, type PlannedIntervention } from './plan';
import { DAY } from './slots';
import { BRANCH_ZONES } from './staff';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const plan = planDemo({ seed: 7, now: NOW, language: 'en' });

/** Runs a planned document's steps through the workflow's rules: each must be allowed where it comes, and they must end in the planned state. */
function replay(iv: PlannedIntervention): { status: Status; valid: boolean } {
  let status: Status = iv.allocatedOnCreate ? 'allocated' : 'received';
  let valid = false;
  for (const s of iv.steps) {
    const open = status !== 'cancelled' && status !== 'finalized';
    if (s.kind === 'validate') expect(valid || status === 'cancelled').toBe(false);
    if (s.kind === 'allocate' || s.kind === 'cancel') expect(open).toBe(true);
    if (s.kind === 'confirm') expect(status).toBe('allocated');
    if (s.kind === 'finalize') expect(status).toBe('confirmed');
    if (s.kind === 'validate') valid = true;
    else if (s.kind === 'allocate') status = 'allocated';
    else if (s.kind === 'confirm') status = 'confirmed';
    else if (s.kind === 'finalize') status = 'finalized';
    else if (s.kind === 'cancel') status = 'cancelled';
  }
  return { status, valid };
}

describe('the demo call centre plan', () => {
  it('is the same for the same seed and now, and another for another seed or day', () => {
    expect(JSON.stringify(planDemo({ seed: 7, now: NOW, language: 'en' }))).toBe(JSON.stringify(plan));
    expect(JSON.stringify(planDemo({ seed: 8, now: NOW, language: 'en' }))).not.toBe(JSON.stringify(plan));
    const tomorrow = planDemo({ seed: 7, now: NOW + DAY, language: 'en' });
    expect(tomorrow.interventions.at(-1)!.createdAt).toBeGreaterThan(NOW - DAY);
  });

  it('holds about 3,000 calls of the last four months in every state, valid and draft, in both branches', () => {
    expect(plan.interventions).toHaveLength(3000);
    for (const branch of ['riga', 'yerevan'] as const) {
      const mine = plan.interventions.filter((iv) => iv.branch === branch);
      expect(mine.length).toBeGreaterThan(900);
      for (const status of STATUSES) {
        expect(mine.some((iv) => iv.status === status && iv.valid), `${branch} ${status} valid`).toBe(true);
        expect(mine.some((iv) => iv.status === status && !iv.valid), `${branch} ${status} draft`).toBe(true);
      }
      // Calls every week of the four months.
      const weeks = new Set(mine.map((iv) => Math.floor((NOW - iv.createdAt) / (7 * DAY))));
      expect(weeks.size).toBeGreaterThanOrEqual(Math.floor(HISTORY_DAYS / 7));
      // Clients of the branch's own town.
      expect(mine.every((iv) => plan.clients[iv.client]!.branch === branch)).toBe(true);
    }
  });

  it('dates every call and appointment on its branch clock: documents on the local day, visits in local working hours', () => {
    for (const iv of plan.interventions) {
      const tz = BRANCH_ZONES[iv.branch];
      expect(iv.docDate).toBe(todayIn(tz, iv.createdAt));
      expect(iv.createdAt).toBeLessThanOrEqual(NOW);
      expect(iv.createdAt).toBeGreaterThan(NOW - HISTORY_DAYS * DAY - DAY);
      for (const s of iv.steps) expect(s.at).toBeLessThanOrEqual(NOW);
      expect(iv.steps.map((s) => s.at)).toEqual(iv.steps.map((s) => s.at).sort((a, b) => a - b));
      if (iv.startAt === null) continue;
      const local = wallClock(iv.startAt, tz);
      expect(local.slice(11) >= '08:00' && local.slice(11) <= '17:30', `${iv.branch} ${local}`).toBe(true);
      expect(iv.endAt! - iv.startAt).toBeGreaterThanOrEqual(3_600_000);
    }
  });

  it('never sends one person to two places at once', () => {
    const visits = plan.interventions.filter((iv) => iv.startAt !== null && iv.status !== 'cancelled' && iv.status !== 'received');
    const byPerson = new Map<string, [number, number][]>();
    for (const iv of visits) byPerson.set(iv.takenBy, [...(byPerson.get(iv.takenBy) ?? []), [iv.startAt!, iv.endAt!]]);
    expect(byPerson.size).toBeGreaterThanOrEqual(6);
    for (const [person, spans] of byPerson) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0], person).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
  });

  it('books the open calls of both branches into the coming two weeks', () => {
    for (const branch of ['riga', 'yerevan'] as const) {
      const ahead = plan.interventions.filter((iv) => iv.branch === branch && (iv.status === 'allocated' || iv.status === 'confirmed') && iv.startAt! > NOW);
      expect(ahead.length).toBeGreaterThan(50);
      expect(ahead.every((iv) => iv.startAt! < NOW + AHEAD_DAYS * DAY)).toBe(true);
      // Spread over the fortnight, not piled on one day.
      expect(new Set(ahead.map((iv) => todayIn(BRANCH_ZONES[branch], iv.startAt!))).size).toBeGreaterThanOrEqual(10);
    }
  });

  it('takes each document through steps the workflow allows, ending in its planned state, with timelines and a few files', () => {
    for (const iv of plan.interventions) expect(replay(iv)).toEqual({ status: iv.status, valid: iv.valid });
    const notes = plan.interventions.flatMap((iv) => iv.steps.filter((s) => s.kind === 'note'));
    expect(notes.length).toBeGreaterThan(1000);
    const files = notes.filter((n) => 'attachment' in n && n.attachment);
    expect(files.length).toBeGreaterThan(10);
    expect(files.length).toBeLessThan(200);
    // Some lines are the client's to read in the portal (the work done), most stay the office's.
    const shown = notes.filter((n) => 'public' in n && n.public);
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.length).toBeLessThan(notes.length / 2);
  });

  it('gives every client a name of their own', () => {
    expect(new Set(plan.clients.map((c) => c.name)).size).toBe(plan.clients.length);
  });

  it('writes its texts in the language it is made in', () => {
    const ro = planDemo({ seed: 7, now: NOW, language: 'ro' });
    expect(ro.interventions.map((iv) => iv.notes)).toContain('Nu avem apă caldă de dimineață, centrala afișează eroarea F28.');
    expect(plan.interventions.map((iv) => iv.notes)).toContain('No hot water since this morning, boiler shows error F28.');
  });
});
