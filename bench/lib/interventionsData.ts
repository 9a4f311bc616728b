import { ensureGenerated } from './datasets';
import { INTERVENTIONS_GENERATOR_VERSION, type InterventionsMeta } from './generateInterventions';

/**
 * The cached 1,000,000-intervention data folder (100,000 clients, dispatcher.1 of both branches), generated first in a
 * child process when missing (~5 minutes). Every suite that needs the million rows reads this one.
 */
export function ensureInterventions(log: (msg: string) => void): Promise<{ dir: string; meta: InterventionsMeta }> {
  return ensureGenerated('interventions-1m', INTERVENTIONS_GENERATOR_VERSION, 'generateInterventions.ts', '100,000 clients, 1,000,000 interventions — about 5 minutes', log);
}
