import fs from 'node:fs';
import { parse as parseDisposition } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../csp';
import { newReportFile } from '../reports/files';
import type { WebServer } from '../server';
import { personInput, tempDir, type TestApp } from '../testing/harness';
import { withTestWeb } from '../testing/fixtures';
import { apiPost, loginCookie } from '../testing/web';
import { uploaded } from '../testing/uploads';
import { startUnavailableServer } from './unavailable';

const directives = (csp: string | null) =>
  new Map((csp ?? '').split(';').filter((d) => d.trim()).map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.sort()]));
// The desktop window's policy (electron/csp.ts sends this one; main may not import the shell's folder).
const DESKTOP = directives(contentSecurityPolicy());

/** What every answer of web mode carries, whatever it is: the desktop window's policy and the same protections. */
function expectProtected(res: Response, what: string): void {
  expect(directives(res.headers.get('content-security-policy')), what).toEqual(DESKTOP);
  expect(res.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

describe('security headers of web mode', () => {
  let app: TestApp;
  let server: WebServer;
  let owner: string;
  let cookie: string;
  withTestWeb(
    async (web) => {
      ({ app, owner, server } = web);
      cookie = await loginCookie(server);
    },
    { pages: true },
  );

  it('a page, an API answer and the refusals carry the desktop CSP, nosniff, no-referrer and no framing', async () => {
    const page = await fetch(`${server.url}/clients`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Planora');
    expectProtected(page, 'page');
    const answer = await apiPost(server, 'auth.me', '{}', { cookie });
    expect(await answer.json()).toMatchObject({ ok: true, data: { login: 'owner' } });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expectProtected(answer, 'API answer');
    const foreign = await apiPost(server, 'auth.me', '{}', { origin: 'http://evil.example', cookie });
    expect(foreign.status).toBe(403);
    expectProtected(foreign, 'bad origin');
    const anonymous = await fetch(`${server.url}/api/files/${'0'.repeat(8)}`);
    expect(anonymous.status).toBe(401);
    expectProtected(anonymous, 'no session');
  });

  it('a report download names its file in any script, with its size, and keeps the protections', async () => {
    const user = (await app.core.sessions.resolve(owner))!;
    const made = newReportFile(app.core.config.dataDir, 'pdf', 'akts-Ķemeri', { orgId: user.orgId, userId: user.id }, Date.now());
    fs.writeFileSync(made.path, '%PDF-1.4 act');
    const res = await fetch(`${server.url}/api/files/${made.fileId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('%PDF-1.4 act');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('12');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const disposition = res.headers.get('content-disposition')!;
    expect(parseDisposition(disposition)).toEqual({ type: 'attachment', parameters: { filename: 'akts-Ķemeri.pdf' } });
    expect(disposition).toContain("filename*=UTF-8''akts-%C4%B6emeri.pdf");
    // Old clients that read only `filename` get plain ASCII, never a raw non-ASCII byte.
    expect(/filename="([^"]*)"/.exec(disposition)![1]).toMatch(/^akts-.emeri\.pdf$/);
    expectProtected(res, 'report file');
  });

  it("the print preview may frame its maker's own PDF from the app's page only; everything else stays unframeable", async () => {
    const user = (await app.core.sessions.resolve(owner))!;
    const pdf = newReportFile(app.core.config.dataDir, 'pdf', 'forma', { orgId: user.orgId, userId: user.id }, Date.now());
    fs.writeFileSync(pdf.path, '%PDF-1.4 form');
    const res = await fetch(`${server.url}/api/files/${pdf.fileId}?view=preview`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('%PDF-1.4 form');
    expect(parseDisposition(res.headers.get('content-disposition')!)).toEqual({ type: 'inline', parameters: { filename: 'forma.pdf' } });
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(new Map([...csp].filter(([k]) => k !== 'frame-ancestors'))).toEqual(new Map([...DESKTOP].filter(([k]) => k !== 'frame-ancestors')));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Not a PDF: downloaded and unframeable as before, whatever the address asks.
    const sheet = newReportFile(app.core.config.dataDir, 'csv', 'lista', { orgId: user.orgId, userId: user.id }, Date.now());
    fs.writeFileSync(sheet.path, 'a,b');
    const csv = await fetch(`${server.url}/api/files/${sheet.fileId}?view=preview`, { headers: { cookie } });
    expect(parseDisposition(csv.headers.get('content-disposition')!).type).toBe('attachment');
    expectProtected(csv, 'csv asked as preview');
    // Someone else's report: not found, with no exception to the framing rule.
    const other = newReportFile(app.core.config.dataDir, 'pdf', 'alien', { orgId: user.orgId, userId: '0192b9c4-0000-7000-8000-000000000000' }, Date.now());
    fs.writeFileSync(other.path, '%PDF-1.4 alien');
    const alien = await fetch(`${server.url}/api/files/${other.fileId}?view=preview`, { headers: { cookie } });
    expect(alien.status).toBe(404);
    expectProtected(alien, "another user's report");
  });

  it('a timeline file download does the same, with quotes and non-ASCII in its name', async () => {
    const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
    const client = await app.call(owner, 'clients.create', personInput('Header Person'));
    const doc = await app.call(owner, 'interventions.create', { branchId, clientId: client.client.id, priority: 'low', docDate: '2026-11-23' });
    const name = 'akts "Ķemeri" 2.pdf';
    const note = await app.call(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name, uploadId: await uploaded(app, owner, 'signed act') } });
    const res = await fetch(`${server.url}/api/attachments/${note.attachmentSha256}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed act');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(parseDisposition(res.headers.get('content-disposition')!).parameters.filename).toBe(name);
    expectProtected(res, 'timeline file');
  });

  it('the "cannot open database" server sends the same headers', async () => {
    const dir = tempDir('planora-damaged-');
    const down = await startUnavailableServer({ problem: 'file is not a database', file: `${dir}/planora.db`, dataDir: dir, newestBackup: null, commands: ['npm run db -- restore'] });
    try {
      const page = await fetch(`${down.url}/clients`);
      expect(page.status).toBe(503);
      expectProtected(page, 'damaged page');
      const api = await fetch(`${down.url}/api/call/auth.me`, { method: 'POST', headers: { 'content-type': 'application/json', origin: down.url }, body: '{}' });
      expect(api.status).toBe(503);
      expectProtected(api, 'damaged API');
    } finally {
      await down.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
