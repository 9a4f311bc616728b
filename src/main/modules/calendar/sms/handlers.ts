import type { HandlersFor } from '../../../api/context';
import { me } from '../../../api/context';
import { enqueueSms, getOutboxRow, secretsFor, SMS_TEST_REF, toOutboxRow } from '../../../mail';
import { normalizePhone, orgCountry } from '../../../rules/phone';
import { getSmsSettings, setSmsSettings, smsError } from '../../../sms/settings';
import { smsText } from '../../../sms/texts';

export const smsHandlers: HandlersFor<'sms.settings' | 'sms.setSettings' | 'sms.test'> = {
  async 'sms.settings'(_input, ctx) {
    return getSmsSettings(ctx);
  },
  async 'sms.setSettings'(input, ctx) {
    return setSmsSettings(ctx, input, secretsFor(ctx.config));
  },
  async 'sms.test'(input, ctx) {
    const user = me(ctx);
    if (!(await getSmsSettings(ctx)).configured) throw smsError('conflict', 'not_configured');
    const to = normalizePhone(input.to, await orgCountry(ctx.db, user.orgId), 'to')!;
    const text = smsText(user.language, 'test', { org: user.orgName });
    const id = await enqueueSms(ctx, { orgId: user.orgId, to, text, refEntity: SMS_TEST_REF, refId: null });
    return toOutboxRow(await getOutboxRow(ctx, id));
  },
};
