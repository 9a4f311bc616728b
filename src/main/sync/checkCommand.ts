import { defaultConfig } from '../config';
import { kyselyOver, openSqlite } from '../db/connection';
import { secretsFor } from '../mail';
import { compareWithHub, type Difference } from './engine/check';
import { keyContext, loadDevice } from './engine/device';
import { createHubClient, HubProblem } from './engine/hubClient';

const shown = (v: Difference['device']) => (v === 'absent' ? '(no row)' : JSON.stringify(v));

/**
 * `planora sync check [--data DIR]`: this data folder's rows against its hub's current cells, one difference a line
 * (table, row, column, this device's value, the hub's value, tab-separated). Reads the file only, so it runs beside a
 * running Planora. Exit code 0: none; 1: differences; 2: not registered or the hub did not answer.
 */
export async function syncCheck(data: string): Promise<number> {
  const config = defaultConfig(data, { jobs: false });
  const db = kyselyOver(openSqlite(config.dbFile, { readonly: true }));
  try {
    const dev = await loadDevice(db);
    if (!dev?.device_key_enc || !dev.hub_url || !dev.org_id) {
      console.error('This data folder is not registered with a hub (Sync settings).');
      return 2;
    }
    const key = secretsFor(config).decrypt(dev.device_key_enc, keyContext(dev.installation_id));
    let diffs: Difference[];
    try {
      diffs = await compareWithHub(db, createHubClient(dev.hub_url), key, dev.org_id);
    } catch (e) {
      if (!(e instanceof HubProblem)) throw e;
      console.error(`The hub at ${dev.hub_url} did not answer the check: ${e.code ?? e.key}`);
      return 2;
    }
    for (const d of diffs) console.log([d.table, d.rowId, d.column, shown(d.device), shown(d.hub)].join('\t'));
    console.error(`${diffs.length} difference(s) between this device (${dev.device_name ?? dev.device_id}) and the hub at ${dev.hub_url}`);
    return diffs.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}
