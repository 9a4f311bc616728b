import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import { HubRefusal } from '../errors';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import en from '../../shared/i18n/en.json';
import hy from '../../shared/i18n/hy.json';
import lt from '../../shared/i18n/lt.json';
import lv from '../../shared/i18n/lv.json';
import ro from '../../shared/i18n/ro.json';
import ru from '../../shared/i18n/ru.json';

/** The embeddable script, read once: it is served as it is written (`form.js`, beside this file). */
export const FORM_SCRIPT = fs.readFileSync(new URL('./form.js', import.meta.url), 'utf8');

const CATALOGS: Record<Language, { webForm: Record<string, string> }> = { en, lv, ru, lt, ro, hy };

/** The form's texts in a language the visitor's page asked for (English for any other). */
export function formTexts(lang: string | undefined): Record<string, string> {
  return CATALOGS[pickLanguage(lang)].webForm;
}

export function pickLanguage(lang: string | undefined): Language {
  const two = (lang ?? '').slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(two) ? (two as Language) : 'en';
}

/** Ids in the public paths: what a desktop makes (UUIDs); anything else is not an organization of this hub. */
export const PUBLIC_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What the organization's own site embeds (the web form, the chat widget) calls the hub from there: no cookies, nothing to steal. */
export function openToSites(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-headers', 'content-type');
  reply.header('access-control-allow-methods', 'GET, POST');
  reply.header('access-control-max-age', '600');
}

/** The organization named in a public address; an id that cannot be one is a 404, as an unknown one is. */
export function orgIdOf(params: unknown): string {
  const orgId = (params as { orgId?: string }).orgId ?? '';
  if (!PUBLIC_ID.test(orgId)) throw new HubRefusal('hub.bad_request', { field: 'orgId' }, 404);
  return orgId;
}

/**
 * The form as a page of its own, for a link (`/w/form/<orgId>`): nothing but the script, which the strict policy lets
 * run from the hub alone. The organization id went through `PUBLIC_ID`, so it cannot leave its attribute.
 */
export function formPage(orgId: string, lang: Language): string {
  const title = CATALOGS[lang].webForm.title!;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[<>&"]/g, '')}</title>
<style>body{margin:0;padding:1rem;background:#f3f5f9}</style></head>
<body><script src="/w/form.js" data-org="${orgId}" data-lang="${lang}"></script></body></html>
`;
}

/** The page's policy: scripts and requests to the hub only; the proof of work's worker is a blob. */
export const PAGE_POLICY = "default-src 'none'; script-src 'self'; worker-src blob:; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";
