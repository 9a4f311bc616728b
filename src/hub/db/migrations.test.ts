import { describe, expect, it } from 'vitest';
import { ENGINES, freshStorage } from '../testing/storage';
import { migrateHub, openHubDb, unmigrateHub } from './open';

const TABLES = ['hub_batch', 'hub_cell', 'hub_cell_log', 'hub_challenge', 'hub_chat_action', 'hub_chat_block', 'hub_chat_conversation', 'hub_chat_message', 'hub_chat_org', 'hub_chat_presence', 'hub_code', 'hub_device', 'hub_field_action', 'hub_field_photo', 'hub_intake', 'hub_link', 'hub_number', 'hub_organization', 'hub_portal_link', 'hub_secret', 'hub_series_counter'];

async function shape(engine: (typeof ENGINES)[number]) {
  const opened = openHubDb(await freshStorage(engine));
  try {
    await migrateHub(opened);
    await migrateHub(opened); // a second start finds nothing to do
    const tables = (await opened.db.introspection.getTables()).filter((t) => t.name.startsWith('hub_'));
    const up = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort()]));
    await unmigrateHub(opened);
    const after = (await opened.db.introspection.getTables()).filter((t) => t.name.startsWith('hub_'));
    return { up, after: after.map((t) => t.name) };
  } finally {
    await opened.close();
  }
}

describe('hub migrations', () => {
  it('run up and back down on PostgreSQL and SQLite, giving the same tables and columns on both', async () => {
    const [pg, sqlite] = await Promise.all(ENGINES.map(shape));
    expect(Object.keys(pg!.up).sort()).toEqual(TABLES);
    expect(pg!.up).toEqual(sqlite!.up);
    expect(pg!.up.hub_cell_log).toContain('branch_id?');
    // The chat's routing (0008): the matched client, who had it, when it moved up; the same on both engines.
    expect(pg!.up.hub_chat_conversation).toEqual(expect.arrayContaining(['client_id?', 'had_by?', 'escalated_at?']));
    expect(pg!.after).toEqual([]);
    expect(sqlite!.after).toEqual([]);
  });
});
