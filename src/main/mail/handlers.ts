import type { z } from 'zod';
import { me, type Ctx } from '../api/context';
import type { mailApi } from '../../shared/api/mail';
import { enqueueMail, getOutboxRow, listOutbox, retryOutbox, TEST_REF, toOutboxRow } from './outbox';
import { getMailSettings, mailError, secretsFor, setMailSettings } from './smtpSettings';
import { renderTestMail } from './templates';

type MailApi = typeof mailApi;
type MailProc = keyof MailApi;
/** HandlersFor<…> of the mail procedures, typed from mailApi itself so this compiles before and after the contract joins `api`. */
export type MailHandlers = { [N in MailProc]: (input: z.output<MailApi[N]['input']>, ctx: Ctx) => Promise<z.output<MailApi[N]['output']>> };

export const mailHandlers: MailHandlers = {
  async 'mail.getSettings'(_input, ctx) {
    return getMailSettings(ctx);
  },
  async 'mail.setSettings'(input, ctx) {
    return setMailSettings(ctx, input, secretsFor(ctx.config));
  },
  async 'mail.test'(input, ctx) {
    const user = me(ctx);
    const settings = await getMailSettings(ctx);
    if (!settings.configured) throw mailError('conflict', 'not_configured');
    const mail = renderTestMail(user.language, user.orgName, settings.host);
    const id = await enqueueMail(ctx, { orgId: user.orgId, to: input.to, ...mail, refEntity: TEST_REF, refId: null });
    return toOutboxRow(await getOutboxRow(ctx, id));
  },
  async 'mail.outbox'(input, ctx) {
    return listOutbox(ctx, input);
  },
  async 'mail.retry'(input, ctx) {
    return retryOutbox(ctx, input.id);
  },
};
