import { sql } from 'kysely';
import { isProcName, type Input } from '../../../shared/api';
import { mailApi } from '../../../shared/api/mail';
import { can } from '../../../shared/permissions';
import type { z } from 'zod';
import { withCtx, type TestApp } from '../../testing/harness';
import { mailHandlers } from '../handlers';
import { runOutboxOnce, type OutboxRunResult } from '../sender';

type MailApi = typeof mailApi;
type MailProc = keyof MailApi;

export type MailOutcome<N extends MailProc> = { ok: true; data: z.output<MailApi[N]['output']> } | { ok: false; error: { code: string; key: string; field?: string } };

/**
 * Calls a mail procedure the way the dispatcher does (session → permission → input → handler in a transaction → output).
 * Once `mailApi` is joined into the contract it goes through the core's real dispatcher instead.
 */
export async function mailRaw<N extends MailProc>(app: TestApp, token: string, name: N, input: z.input<MailApi[N]['input']>): Promise<MailOutcome<N>> {
  const registered: string = name;
  if (isProcName(registered)) return (await app.raw(token, registered, input as Input<typeof registered>)) as MailOutcome<N>;
  const def = mailApi[name];
  const user = await app.core.sessions.resolve(token);
  if (!user) return { ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } };
  const access = def.access as { module: 'organization'; action: 'read' | 'write' };
  if (!can(user.role, access.module, access.action)) return { ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } };
  const parsed = def.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'validation', key: 'errors.invalid', field: parsed.error.issues[0]?.path.join('.') } };
  try {
    const handler = mailHandlers[name] as (i: unknown, ctx: Parameters<(typeof mailHandlers)[N]>[1]) => Promise<unknown>;
    const data = await withCtx(app, user, (ctx) => handler(parsed.data, ctx));
    return { ok: true, data: def.output.parse(data) as z.output<MailApi[N]['output']> };
  } catch (e) {
    const err = (e as { error?: { code: string; key: string; field?: string } }).error;
    if (err) return { ok: false, error: err };
    throw e;
  }
}

export async function mailCall<N extends MailProc>(app: TestApp, token: string, name: N, input: z.input<MailApi[N]['input']>): Promise<z.output<MailApi[N]['output']>> {
  const r = await mailRaw(app, token, name, input);
  if (!r.ok) throw new Error(`${name} refused: ${JSON.stringify(r.error)}`);
  return r.data;
}

export const SMTP_LOGIN = { user: 'planora', password: 'Slepena parole #1 ā' };

export async function configureSmtp(app: TestApp, token: string, port: number, from = 'Test Serviss <noreply@serviss.example.lv>') {
  return mailCall(app, token, 'mail.setSettings', { host: '127.0.0.1', port, secure: false, user: SMTP_LOGIN.user, password: SMTP_LOGIN.password, from });
}

/** One pass of the sender against this app's database, as the job would run it. */
export function sendOutbox(app: TestApp): Promise<OutboxRunResult> {
  return runOutboxOnce({ db: app.core.db, clock: app.clock, config: app.core.config, log: () => undefined });
}

export function outboxRows(app: TestApp) {
  return app.core.db.selectFrom('outbox').selectAll().orderBy(sql`rowid`).execute();
}
