import { ImapFlow } from 'imapflow';
import type { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { loadInScope } from '../../api/scope';
import { secretsFor } from '../../mail';
import type { mailboxTestInput } from '../../../shared/api/taskChecklist';
import { mailboxPasswordContext } from './mailboxes';

type Input = z.output<typeof mailboxTestInput>;

/** How long a test may wait for a server: the person is looking at the dialog. */
const TEST_TIMEOUT_MS = 10_000;

/**
 * Logs in with the mailbox's settings as typed (the stored password when none is typed) and opens its folder, as the
 * reader would; nothing is written and the connection is closed. The server's own words are given back on failure.
 */
export async function testMailbox(ctx: Ctx, input: Input): Promise<{ ok: boolean; folders: number | null; messages: number | null; error: string | null }> {
  let password = input.password ?? null;
  if (input.password === undefined && input.id) {
    const box = await loadInScope(ctx.db, me(ctx), 'task_mailbox', input.id, { key: 'mailbox_not_found', field: 'id' });
    password = box.password ? secretsFor(ctx.config).decrypt(box.password, mailboxPasswordContext(box.id)) : null;
  }
  const client = new ImapFlow({
    host: input.host,
    port: input.port,
    secure: input.tls,
    auth: { user: input.login, pass: password ?? '' },
    logger: false,
    connectionTimeout: TEST_TIMEOUT_MS,
    greetingTimeout: TEST_TIMEOUT_MS,
    socketTimeout: TEST_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const folders = (await client.list()).length;
    const opened = await client.mailboxOpen(input.folder, { readOnly: true });
    return { ok: true, folders, messages: opened.exists, error: null };
  } catch (e) {
    const err = e as Error & { responseText?: string; code?: string };
    return { ok: false, folders: null, messages: null, error: (err.responseText ?? err.message ?? err.code ?? 'failed').slice(0, 300) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
