import { performance } from 'node:perf_hooks';
import { planOne, rulesPolicy, type VisitFacts } from '../../src/main/modules/reminders/plan';
import { DEFAULT_DAILY_CAP, DEFAULT_POLICY } from '../../src/main/modules/reminders/policy';
import type { Suite } from '../lib/suite';

const VISITS = 100_000;
const RUNS = 5;
const ZONES = ['Europe/Riga', 'Asia/Yerevan'];

/**
 * Planning the reminders of 100,000 visits: each visit's first attempt by the branch's policy (a day before at the same
 * wall-clock time, moved out of quiet hours 23:00–09:00 on the branch's clock), as booking plans it, one year of visits
 * at every quarter hour of the day in two zones, so clock changes and quiet hours are both crossed.
 */
export const remindersSuite: Suite = {
  id: 'reminders',
  title: 'Reminder calls: planning 100,000 visits',
  async run({ results, log }) {
    const policy = rulesPolicy(DEFAULT_POLICY, DEFAULT_DAILY_CAP);
    const now = Date.parse('2026-01-01T00:00:00Z');
    const visits: VisitFacts[] = Array.from({ length: VISITS }, (_, i) => ({
      id: String(i),
      branch_id: ZONES[i % 2]!,
      // Spread over 2026, every quarter hour of the day.
      starts_at: new Date(now + 86_400_000 + ((i * 7_919) % (365 * 96)) * 15 * 60_000).toISOString(),
      kind: 'visit',
      status: 'booked',
      client_id: 'c',
      zone: ZONES[i % 2]!,
      phone: '+37120000000',
      phoneNotFound: false,
      enabled: true,
    }));
    const times: number[] = [];
    let planned = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      planned = 0;
      for (const v of visits) if (planOne(v, '1d', 'voice', policy, now).state === 'planned') planned++;
      times.push(performance.now() - t0);
    }
    const best = Math.min(...times);
    log(`planned ${planned.toLocaleString('en')} of ${VISITS.toLocaleString('en')} visits; runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    results.addValue(`reminders: planning the reminders of ${VISITS.toLocaleString('en')} visits`, 'ms', best, 1000, `best of ${RUNS} runs (first ${times[0]!.toFixed(0)} ms); a day before, quiet hours, Riga and Yerevan`);
  },
};
