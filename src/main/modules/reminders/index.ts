import { defineModule } from '../../api/module';
import { onVisitWritten } from '../calendar';
import { createReminderEngine, REMINDER_ENGINE } from './engine';
import { remindersHandlers } from './handlers';
import { planVisit } from './plan';
import { extraOffsetsFor } from './risk';

/**
 * Reminder calls (issue 10): the policy and trunk (`settings.ts`, `policy.ts`), each visit's reminders planned when it
 * is booked, moved or cancelled (`plan.ts`, through the calendar's visit hook), the dialing job (`engine.ts`: the
 * attempt written before the INVITE, `finish.ts`: what an ended call means), the visit card's view (`visit.ts`), the
 * monthly usage (`usage.ts`, `pdf.ts`), the sample message, test call and recordings (`sample.ts`).
 */
export const remindersModule = defineModule({
  name: 'reminders',
  handlers: remindersHandlers,
  start(host) {
    const engine = createReminderEngine({ db: host.db, clock: host.clock, config: host.config, services: host.services, publish: (e) => host.publish(e), log: host.log });
    host.services.provide(REMINDER_ENGINE, engine);
    const off = onVisitWritten(host.services, (ctx, visitId, change) => planVisit(ctx, visitId, change, () => extraOffsetsFor(ctx, visitId)));
    // Before the first tick: what a crash left in flight is closed as unknown, and the rules plan what follows.
    const ready = engine.recover().then(
      () => undefined,
      (e: unknown) => host.log('reminder calls: closing attempts left in flight failed', e),
    );
    return {
      ready,
      async stop() {
        off();
        await engine.stop();
      },
    };
  },
  jobs(host) {
    // Every 15 seconds: a retry due at :10 goes within the quarter minute, the due query is one index range.
    return { tasks: [{ name: 'reminders', cron: '*/15 * * * * *', run: () => host.services.get(REMINDER_ENGINE).tick() }] };
  },
});

export { REMINDER_ENGINE, type ReminderEngine } from './engine';
/** The demo organization's trunk to nowhere and its visits' past calls. */
export { configureDemoTrunk, recordDemoCalls, DEMO_TRUNK_HOST } from './demo';
