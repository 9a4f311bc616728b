// `npm run dist:win` (and the Windows CI recipe) before electron-builder: SQLite built for Electron's ABI in
// build/native/electron-<platform>-<arch>, beside the Node build, never over it. Needs `npm run build` first.
// Usage: node scripts/prepare-desktop.mjs [--platform win32] [--arch x64]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { platform: { type: 'string' }, arch: { type: 'string' } } });
const support = await import(pathToFileURL(path.join(root, 'dist', 'main', 'start-support.js')).href);
const electronPkg = path.join(root, 'node_modules', 'electron');
const target = {
  repoRoot: root,
  electron: JSON.parse(fs.readFileSync(path.join(electronPkg, 'package.json'), 'utf8')).version,
  abi: fs.readFileSync(path.join(electronPkg, 'abi_version'), 'utf8').trim(),
  platform: values.platform ?? process.platform,
  arch: values.arch ?? process.arch,
};
try {
  console.log(`SQLite for Electron ${target.electron}: ${await support.prepareSqlite(target, (line) => console.log(line))}`);
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
