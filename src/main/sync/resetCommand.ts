import { defaultConfig } from '../config';
import { HubProblem } from './engine/hubClient';
import { resetFromHub, ResetRefused } from './reset';

/**
 * `planora sync reset [--data DIR]`: an administrator at the branch rebuilds this folder's file from its hub, with
 * Planora closed (as for `db restore`). Exit code 0: rebuilt; 2: nothing changed (not registered, the hub away, a
 * change that could not be pushed first).
 */
export async function syncReset(data: string): Promise<number> {
  const config = defaultConfig(data, { jobs: false, log: () => undefined });
  try {
    const report = await resetFromHub(config);
    console.log(`Rebuilt ${config.dbFile} from the hub: ${report.cells} cells.`);
    console.log(`Backup: ${report.backup}\nPrevious file kept as: ${report.before}`);
    return 0;
  } catch (e) {
    if (e instanceof ResetRefused) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof HubProblem) {
      console.error(`The hub did not answer (${e.code ?? e.key}): the previous file is unchanged.`);
      return 2;
    }
    throw e;
  }
}
