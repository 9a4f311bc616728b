import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupOrg, startTestApp, tempDir } from '../../testing/harness';
import { spawnTs } from '../../testing/processes';
import { SCENARIOS, startSipp } from '../../telephony/testing/sipp';
import { openReminderClinic, pointTrunkAt, riga } from './fixtures';
import { REMINDER_ENGINE } from './engine';

/**
 * The core is killed (SIGKILL) while its reminder call is in flight. After a restart: no second INVITE for that
 * attempt reached the peer (sipp's own message log), the attempt is closed as unknown and not billable, and the day's
 * count still holds it, so the cap is intact.
 */
const SLOW = path.relative(SCENARIOS, path.join(path.dirname(new URL(import.meta.url).pathname), 'sipp', 'slow-answer.xml'));
const config = { sessionIdleMs: 365 * 86_400_000 };

/** The Call-IDs of the INVITEs sipp received, from its message log. */
function invitesIn(log: string): string[] {
  const ids = new Set<string>();
  for (const block of log.split(/-{5,}/)) {
    if (!/received/.test(block) || !/^\s*INVITE sip:/m.test(block)) continue;
    const id = /^Call-ID:\s*(\S+)/im.exec(block)?.[1];
    if (id) ids.add(id);
  }
  return [...ids];
}

describe('a core killed mid-call', () => {
  it('never dials the attempt again, closes it as unknown after the restart, and keeps the cap', async () => {
    const dir = tempDir();
    const messages = path.join(tempDir('sipp-log-'), 'messages.log');
    const sipp = await startSipp({ scenario: SLOW, timeoutSec: 30, args: ['-message_file', messages] });
    const due = riga('2026-11-24T12:00');
    let visitId: string;
    try {
      const setup = await startTestApp(config, dir);
      const owner = await setupOrg(setup);
      const c = await openReminderClinic(setup, owner);
      visitId = (await setup.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-25T12:00'), durationMin: 30 })).id;
      await pointTrunkAt(setup, owner, sipp.port, {}, 1);
      await setup.close();

      const child = spawnTs('src/main/testing/children/reminder-caller.ts', [dir, due]);
      try {
        await child.waitFor((l) => l.some((x) => x.startsWith('attempt ')), 60_000);
        expect(child.lines).toContain('called 1');
        const attemptId = child.lines.find((x) => x.startsWith('attempt '))!.split(' ')[1]!;
        expect(attemptId).not.toBe('none');
        // Mid-call: the INVITE has reached sipp, which is still ringing.
        for (let i = 0; i < 100 && !(fs.existsSync(messages) && invitesIn(fs.readFileSync(messages, 'utf8')).length); i++) await new Promise((r) => setTimeout(r, 50));
        child.kill('SIGKILL');
        expect((await child.exited).signal).toBe('SIGKILL');
      } finally {
        child.kill('SIGKILL');
      }

      // The restart: the module closes what was in flight before anything else runs.
      const again = await startTestApp(config, dir);
      try {
        again.clock.set(due);
        await again.core.ready;
        const attempts = again.core.sqlite.prepare('select outcome, billable, ended_at is not null as ended from reminder_attempt where visit_id = ?').all(visitId);
        expect(attempts).toEqual([{ outcome: 'unknown', billable: 0, ended: 1 }]);
        // Due again 30 minutes after the lost attempt began, and the day (cap 1) is already full.
        expect(again.core.sqlite.prepare('select state, next_due_at from reminder where visit_id = ? and deleted_at is null').get(visitId)).toEqual({ state: 'planned', next_due_at: riga('2026-11-24T12:30') });
        const engine = again.core.services.get(REMINDER_ENGINE);
        expect((await engine.tick()).called).toBe(0);
        again.clock.set(riga('2026-11-24T12:30'));
        // The retry finds the day full (the lost attempt counts): it waits for tomorrow's first allowed minute.
        expect(await engine.tick()).toEqual({ called: 0, waiting: 1, ended: 0 });
        expect(again.core.sqlite.prepare('select state, next_due_at from reminder where visit_id = ? and deleted_at is null').get(visitId)).toEqual({ state: 'planned', next_due_at: riga('2026-11-25T09:00') });
        expect(again.core.sqlite.prepare('select count(*) from reminder_attempt').pluck().get()).toBe(1);
      } finally {
        await again.close();
      }
      // Long enough for a resent INVITE (UDP retransmission runs at 0.5, 1, 2 s) to have arrived: there is none.
      await new Promise((r) => setTimeout(r, 2500));
      expect(invitesIn(fs.readFileSync(messages, 'utf8'))).toHaveLength(1);
    } finally {
      sipp.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
