import type { ModuleHost, ModuleJobs } from '../../../api/module';
import { coalescing } from '../../../jobs/coalesce';
import { scanWarnings } from './scan';
import { registerWarningsScan } from './wake';

/** A change waits this long for others before it wakes the scan (a burst of saves is one run). */
const WAKE_DELAY_MS = 500;

/**
 * The warnings job: every minute, at start (what fell due while the app was closed), and shortly after a document is
 * saved. Runs never overlap: a wake during a run asks for one more run after it.
 */
export function warningsJob(host: ModuleHost): ModuleJobs {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const deps = { db: host.db, clock: host.clock, config: host.config, publish: host.publish };
  const scan = coalescing(() => scanWarnings(deps), () => stopped);
  const run = async (): Promise<void> => {
    if (!stopped) await scan.run();
  };
  const wake = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void run().catch((e: unknown) => host.log('job warnings failed', e));
    }, WAKE_DELAY_MS);
  };
  const unregister = registerWarningsScan(host.config, wake);
  wake();
  return {
    tasks: [{ name: 'warnings', cron: '* * * * *', run }],
    stop() {
      stopped = true;
      unregister();
      if (timer) clearTimeout(timer);
    },
  };
}
