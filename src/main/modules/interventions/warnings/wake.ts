import type { CoreConfig } from '../../../config';

/**
 * The running warnings scan of a core registers here, so a document saved already late is warned about within a
 * second instead of at the next minute. Keyed by the core's config, like the mail sender's waker.
 */
const scans = new WeakMap<CoreConfig, () => void>();

export function registerWarningsScan(config: CoreConfig, wake: () => void): () => void {
  scans.set(config, wake);
  return () => {
    if (scans.get(config) === wake) scans.delete(config);
  };
}

export function wakeWarnings(config: CoreConfig): void {
  scans.get(config)?.();
}
