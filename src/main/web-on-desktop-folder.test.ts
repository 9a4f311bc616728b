import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mailRaw } from './mail/testing/mailApp';
import { osKeyFileText } from './secrets';
import { setupOrg, snapshotDb, startTestApp, tempDir, type TestApp } from './testing/harness';
import { spawnTs, type TsChild } from './testing/processes';

/**
 * A data folder the desktop app made: its secrets key is wrapped by the OS key store (DPAPI), which plain Node
 * cannot open. Web mode (the fallback of `npm start`, or `npm run web`) must still run on it.
 */
function desktopFolder(): { dir: string; keyText: string } {
  const dir = tempDir();
  const keyText = osKeyFileText(randomBytes(178));
  fs.writeFileSync(path.join(dir, 'secret.key'), keyText, { mode: 0o600 });
  return { dir, keyText };
}

let app: TestApp | undefined;
let child: TsChild | undefined;
const dirs: string[] = [];
afterEach(async () => {
  child?.kill();
  await child?.exited;
  child = undefined;
  await app?.close();
  app = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('web mode on the desktop app’s data folder', () => {
  it('starts, serves, and says plainly what it cannot do there', async () => {
    const { dir, keyText } = desktopFolder();
    dirs.push(dir);
    child = spawnTs('src/main/cli.ts', ['web', '--data', dir, '--port', '0']);
    await child.waitFor((lines) => lines.some((l) => l.includes('web mode: http')), 120_000);
    expect(child.lines[0]).toMatch(/belongs to the desktop app.*only it can open.*Web mode runs without it/);
    const url = /web mode: (http:\/\/\S+)/.exec(child.lines.join('\n'))![1]!;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });
    // The desktop app's key is left as it was.
    expect(fs.readFileSync(path.join(dir, 'secret.key'), 'utf8')).toBe(keyText);
  }, 180_000);

  it('works without the key and refuses only a password, with a translated reason and nothing changed', async () => {
    const { dir, keyText } = desktopFolder();
    dirs.push(dir);
    app = await startTestApp({}, dir);
    const owner = await setupOrg(app);
    const settings = { host: 'smtp.example.lv', port: 587, secure: false, user: 'clerk', from: 'noreply@serviss.example.lv' };
    expect(await mailRaw(app, owner, 'mail.setSettings', settings)).toMatchObject({ ok: true });
    const before = snapshotDb(app.core);
    expect(await mailRaw(app, owner, 'mail.setSettings', { ...settings, password: 'smtp-secret' })).toEqual({ ok: false, error: { code: 'conflict', key: 'errors.secrets_locked' } });
    expect(snapshotDb(app.core)).toBe(before);
    expect(fs.readFileSync(path.join(dir, 'secret.key'), 'utf8')).toBe(keyText);
  });
});
