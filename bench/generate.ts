/**
 * Generates one benchmark data folder (bench/run.ts calls this in a child process when its cache misses).
 *
 *   tsx bench/generate.ts <dir> <clients> <targetBytes>
 */
import { generateDataset } from './lib/generate';

const [dir, clients, targetBytes] = process.argv.slice(2);
if (!dir || !clients || !targetBytes) {
  console.error('usage: tsx bench/generate.ts <dir> <clients> <targetBytes>');
  process.exit(2);
}
const meta = await generateDataset({ dir, clients: Number(clients), targetBytes: Number(targetBytes), log: console.log });
console.log(
  `  done: ${meta.clients.toLocaleString('en')} clients, ${meta.auditRows.toLocaleString('en')} audit rows, ${(meta.bytes / 1e6).toFixed(0)} MB in ${meta.seconds.toFixed(0)} s`,
);
