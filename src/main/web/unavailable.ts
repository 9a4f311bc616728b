import Fastify from 'fastify';
import type { DamageReport } from '../db/damage';
import { t } from '../reports/i18n';
import type { WebServer } from '../server';
import { allowedHosts, refuseForeignHosts } from './hosts';
import { languageFromHeader } from './language';
import { addSecurityHeaders } from './security';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The explanation as a page in the reader's language: what happened, where the newest backup is, what to run. */
export function damagePage(lang: string, r: DamageReport): string {
  const p = (key: string, params?: Record<string, string>) => `<p>${escape(t(lang, key, params))}</p>`;
  return `<!doctype html>
<html lang="${escape(lang)}"><head><meta charset="utf-8"><title>${escape(t(lang, 'server.damaged_title'))}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem;color:#a61b1b}pre{background:#f4f4f4;padding:.6rem .8rem;overflow-x:auto}</style>
</head><body data-testid="database-damaged">
<h1>${escape(t(lang, 'server.damaged_title'))}</h1>
${p('server.damaged_what', { file: r.file, problem: r.problem })}
${r.newestBackup ? p('server.damaged_backup', { backup: r.newestBackup }) : p('server.damaged_no_backup', { dir: `${r.dataDir}/backups` })}
${r.newestBackup ? `${p('server.damaged_steps')}\n<pre>${r.commands.map(escape).join('\n')}</pre>\n${p('server.damaged_kept')}` : ''}
</body></html>`;
}

/**
 * Web mode when the database cannot be opened: rather than "connection refused", every page explains what
 * happened and every API call answers with a clear error. Nothing is read from or written to the file.
 */
export async function startUnavailableServer(report: DamageReport, opts: { host?: string; port?: number; allowHosts?: string[] } = {}): Promise<WebServer> {
  const app = Fastify({ logger: false });
  const host = opts.host ?? '127.0.0.1';
  let hosts: ReadonlySet<string> = new Set();
  await addSecurityHeaders(app);
  refuseForeignHosts(app, () => hosts);
  const error = {
    code: 'internal' as const,
    key: 'errors.database_damaged',
    params: { file: report.file, problem: report.problem, backup: report.newestBackup ?? '—', command: report.commands[0]! },
  };
  app.all('/api/*', async (_req, reply) => reply.code(503).header('Cache-Control', 'no-store').send({ ok: false, error }));
  app.setNotFoundHandler(async (req, reply) =>
    reply
      .code(503)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(damagePage(languageFromHeader(req.headers['accept-language']), report)),
  );
  const address = await app.listen({ host, port: opts.port ?? 0 });
  hosts = allowedHosts(host, (app.server.address() as { port: number }).port, opts.allowHosts);
  return { url: address.replace('[::1]', 'localhost'), close: () => app.close() };
}
