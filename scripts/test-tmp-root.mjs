// One temporary root per test run: every folder a test makes under os.tmpdir() lands in it (TMPDIR is inherited by
// vitest's workers, Playwright's workers and the web-mode processes they start), and the root is removed when the
// run ends, passed or failed, so a run leaves nothing behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
