import { defineModule } from '../api/module';
import { mailHandlers } from './handlers';
import { createOutboxSender } from './sender';

/**
 * Outgoing mail, a module like the others (it lives beside `modules/` because web mode reads its folder too): SMTP settings,
 * the outbox other modules queue into (e-mail, and text messages on channel `sms`), and the sender job that drains it.
 */
export const mailModule = defineModule({
  name: 'mail',
  handlers: mailHandlers,
  jobs(host) {
    const outbox = createOutboxSender({ db: host.db, clock: host.clock, config: host.config, log: host.log });
    // At once, not at the next minute: mail queued while the app was closed goes out on start.
    outbox.wake();
    return { tasks: [{ name: 'outbox', cron: '* * * * *', run: () => outbox.run() }], stop: () => outbox.stop() };
  },
});

export { enqueueMail, lastQueued } from './outbox';
export { mailConfigured } from './smtpSettings';
// For text messages (src/main/modules/calendar/sms): the same outbox, channel `sms`, and the data folder's secrets.
export { enqueueSms, getOutboxRow, SMS_CHANNEL, SMS_TEST_REF, toOutboxRow, type SmsToQueue } from './outbox';
export { secretsFor } from './smtpSettings';
export { orgLanguage } from './orgLanguage';
export { factsSection, fieldLine, isLanguage, mailText, renderInterventionMail, type ClientEvent, type FieldKey, type InterventionFacts, type MailAudience } from './templates';
