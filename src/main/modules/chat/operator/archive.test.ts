import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { kyselyOver, openSqlite, type Sqlite } from '../../../db/connection';
import { migrateAll } from '../../../db/migrate';
import type { DB } from '../../../db/schema';
import { tempDir } from '../../../testing/harness';
import { migrations } from '../../../../../migrations/index';
import { listConversations, listMessages, markDeleted, readCursor, saveConversation, saveCursor, saveMessage } from './archive';

/** The archive's writes, as frames arrive twice, out of order, or deleted before this desk saw them. */
let sqlite: Sqlite;
let db: Kysely<DB>;
beforeEach(async () => {
  sqlite = openSqlite(path.join(tempDir(), 'a.db'));
  db = kyselyOver(sqlite) as unknown as Kysely<DB>;
  await migrateAll(db, migrations);
});
afterEach(() => sqlite.close());

const conv = { id: 'c1', status: 'open' as const, answers: { name: 'Ilze' }, ip: '10.0.0.1', page: 'https://x.example/', language: 'lv', assigneeId: null, startedAt: 1000, lastMessageAt: null, visitorSeenAt: 1500, rev: 1, clientId: null };
const msg = (seq: number, author: 'visitor' | 'operator', at: number) => ({ conversationId: 'c1', seq, rev: seq + 1, author, userId: author === 'operator' ? 'u1' : null, text: `m${seq}`, quoteSeq: null, at });

describe('the chat archive', () => {
  it('stores a message once, follows who wrote last, keeps the place of a deleted one, and moves the cursor only forward', async () => {
    // A message before its conversation (a resume's page boundary): the conversation comes in later whole.
    expect(await saveMessage(db, 'o', msg(1, 'visitor', 2000))).toBe(true);
    expect(await listConversations(db, 'o', false)).toEqual([]);
    await saveConversation(db, 'o', conv);
    expect(await saveMessage(db, 'o', msg(1, 'visitor', 2000))).toBe(false);
    let [c] = await listConversations(db, 'o', false);
    expect(c).toMatchObject({ id: 'c1', unanswered: true, lastMessageAt: 2000, visitorSeenAt: 1500 });

    // The own reply saved on its acknowledgement with this clock, then the hub's frame brings the stored time.
    await saveMessage(db, 'o', msg(2, 'operator', 3100), false);
    await saveMessage(db, 'o', msg(2, 'operator', 3000));
    expect((await listMessages(db, 'o', 'c1')).map((m) => [m.seq, m.at])).toEqual([[1, 2000], [2, 3000]]);
    [c] = await listConversations(db, 'o', false);
    expect(c!.unanswered).toBe(false);

    // Deleted: no words, the visitor wrote last again; a message deleted before it was seen keeps the numbering.
    await markDeleted(db, 'o', 'c1', 2, 4, 4000);
    await markDeleted(db, 'o', 'c1', 3, 5, 4100);
    expect((await listMessages(db, 'o', 'c1')).map((m) => [m.seq, m.deleted, m.text])).toEqual([[1, false, 'm1'], [2, true, ''], [3, true, '']]);
    [c] = await listConversations(db, 'o', false);
    expect(c!.unanswered).toBe(true);
    // A deleted message's frame read again does not bring it back.
    await saveMessage(db, 'o', msg(2, 'operator', 3000));
    expect((await listMessages(db, 'o', 'c1'))[1]!.deleted).toBe(true);

    // A list read after newer messages does not move the last message back; closed ones leave the open list.
    await saveConversation(db, 'o', { ...conv, status: 'closed', lastMessageAt: 2000 });
    expect(await listConversations(db, 'o', false)).toEqual([]);
    expect((await listConversations(db, 'o', true))[0]).toMatchObject({ status: 'closed', lastMessageAt: 3000, unanswered: false });

    await saveCursor(db, 'o', 9);
    await saveCursor(db, 'o', 4);
    expect(await readCursor(db, 'o')).toBe(9);
    expect(await readCursor(db, 'other')).toBeNull();
  });
});
