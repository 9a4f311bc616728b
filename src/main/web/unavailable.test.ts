import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../db/backup';
import { setupOrg, startTestApp } from '../testing/harness';
import { fileDigest } from '../testing/files';
import { runTs, spawnTs } from '../testing/processes';

/** Every CLI start loads the whole program through tsx: seconds each on a busy machine. */
const SLOW = 240_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function folderWithBackup(): Promise<{ dir: string; dbFile: string; backup: string }> {
  const app = await startTestApp();
  dirs.push(app.dir);
  const owner = await setupOrg(app);
  await app.call(owner, 'clients.create', { kind: 'person', name: 'Ilze Kalniņa', phones: [], emails: [], addresses: [], contacts: [] });
  const backup = await app.core.backup('daily');
  await app.close();
  return { dir: app.dir, dbFile: app.core.config.dbFile, backup };
}

describe('web mode on a damaged database', () => {
  it(
    'answers every page with the explanation and the API with a clear error, instead of refusing the connection',
    async () => {
      const { dir, dbFile, backup } = await folderWithBackup();
      fs.writeFileSync(dbFile, Buffer.alloc(32 * 1024, 0x5a));
      const before = fileDigest(dbFile);

      const web = spawnTs('src/main/cli.ts', ['web', '--data', dir, '--port', '0']);
      try {
        await web.waitFor((lines) => lines.some((l) => /explains what to do/.test(l)), SLOW);
        const url = /(http:\/\/\S+?);?\s/.exec(web.lines.find((l) => /explains what to do/.test(l))!)![1]!;
        expect(web.stderr()).toContain(`The newest backup is ${backup}.`);
        expect(web.stderr()).toContain(`npm run db -- restore --data ${dir}`);

        for (const p of ['/', '/clients', '/index.html']) {
          const page = await fetch(`${url}${p}`, { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
          expect(page.status, p).toBe(503);
          expect(page.headers.get('content-type')).toMatch(/text\/html/);
          expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
          const html = await page.text();
          expect(html).toContain('Planora не может открыть свою базу данных');
          expect(html).toContain(`Файл базы данных ${dbFile} повреждён (file is not a database)`);
          expect(html).toContain(`Последняя резервная копия: ${backup}.`);
          expect(html).toContain(`npm run db -- restore --data ${dir}`);
          expect(html).toContain(`planora db restore --data ${dir}`);
        }
        const english = await (await fetch(url, { headers: { 'accept-language': 'en' } })).text();
        expect(english).toContain('Planora cannot open its database');

        const api = await fetch(`${url}/api/call/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ login: 'owner', password: 'owner-pass-1' }) });
        expect(api.status).toBe(503);
        expect(await api.json()).toEqual({
          ok: false,
          error: { code: 'internal', key: 'errors.database_damaged', params: { file: dbFile, problem: 'file is not a database', backup, command: `npm run db -- restore --data ${dir}` } },
        });
        expect(fileDigest(dbFile)).toBe(before);
        expect(fs.existsSync(`${dbFile}.running`)).toBe(false);
      } finally {
        web.kill('SIGTERM');
        await web.exited;
      }

      // The command the page gives works as printed, and web mode opens again.
      const restore = await runTs('src/main/cli.ts', ['db', 'restore', '--data', dir]);
      expect(restore, restore.stderr).toMatchObject({ code: 0, stdout: `Restored ${dbFile} from ${listBackups(`${dir}/backups`).at(-1)}` });
      expect(fileDigest(`${dbFile}.before-restore`)).toBe(before);
      const check = await runTs('src/main/cli.ts', ['db', 'check', '--full', '--data', dir]);
      expect(check).toMatchObject({ code: 0, stdout: 'ok' });
    },
    SLOW,
  );
});
