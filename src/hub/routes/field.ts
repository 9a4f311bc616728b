import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { FIELD_NOTE_MAX, FIELD_PHOTO_MAX_BYTES, fieldPhotoRequest, fieldPullRequest, LINK_MAX_MS, linkRequest, linkRevokeRequest, type fieldPullResponse } from '../../shared/sync/field';
import { imageTypeOf } from '../../shared/rules/imageType';
import { authenticated, deviceOf, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import type { HubLink } from '../db/schema';
import { gonePage, taskPage, type Gone, type Pending } from '../field/page';
import { languageOr, texts } from '../field/texts';
import { actionCount, actionsOfLink, linkByToken, mintLink, pullActions, queueAction, revokeLink } from '../store/links';
import { servesBranch } from '../store/cells';
import { hasRow, phoneTask, rowOf, type PhoneTask } from '../store/taskView';
import { dropPulledPhotos, photoFor, queuePhoto } from '../store/fieldPhotos';
import { parseMultipart } from '../field/multipart';
import { phoneWork, type ActionOutcome } from '../field/phoneState';

/** A link queues at most this many actions: a leaked link cannot fill the branch's queue. */
const ACTIONS_PER_LINK = 200;
/** What the phone may send; the device-side list (`FIELD_ACTION_KINDS`) may know more as they are built. */
const PHONE_KINDS = new Set(['acknowledge', 'note', 'timer_start', 'timer_stop', 'check', 'uncheck']);
const ACTION_ID = /^[0-9a-f-]{36}$/;
// Control characters other than tab and line breaks.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function pageHeaders(reply: FastifyReply, nonce: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    // The token is in the address: it must never leave as a Referer, nor stay in a shared cache.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}

/** A photo's largest upload body: the image and the form's few fields, with room for the multipart framing. */
const PHOTO_BODY_LIMIT = FIELD_PHOTO_MAX_BYTES + 64 * 1024;

/** Post, redirect, get: a reload shows the page, it does not send the form again. */
function backToPage(reply: FastifyReply, token: string, lang: unknown): FastifyReply {
  const query = typeof lang === 'string' ? `?lang=${encodeURIComponent(languageOr(lang, 'en'))}` : '';
  return reply.status(303).header('location', `/m/${encodeURIComponent(token)}${query}`).send();
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The file's name as the office will see it: the phone's (camera names are plain), cleaned, with the true extension. */
export function photoName(given: string, mime: string): string {
  const base = (given.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} ._-]/gu, '').trim().slice(0, 80);
  return `${base || 'photo'}.${EXTENSION[mime] ?? 'bin'}`;
}

function paramsOf(v: unknown): Record<string, string | number> | null {
  if (typeof v !== 'string') return null;
  try {
    const p = JSON.parse(v) as unknown;
    return p && typeof p === 'object' ? (p as Record<string, string | number>) : null;
  } catch {
    return null;
  }
}

/** Why a link does not open its task now, or null when it does. */
function goneReason(link: HubLink | undefined, now: number): Gone | null {
  if (!link) return 'unknown';
  if (link.revoked_at !== null) return 'revoked';
  if (now >= Number(link.expires_at)) return 'expired';
  return null;
}

/** Given to someone else, cancelled or deleted since: the link no longer opens the task. */
function stillTheirs(link: HubLink, view: PhoneTask): boolean {
  return view.task.assignee_id === link.employee_id && view.task.status !== 'cancelled';
}

/**
 * The field staff's routes: the branch's desktop mints and revokes links and pulls the queued actions (device keys,
 * like `/hub/v1/sync`); the phone opens `/m/<token>` and posts its actions to `/m/<token>/act` (the token is the key).
 */
export function fieldRoute(app: FastifyInstance, ctx: HubContext): void {
  app.post('/hub/v1/links', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(linkRequest, request.body);
    const now = ctx.now();
    if (!servesBranch(device, body.branchId)) throw new HubRefusal('hub.wrong_branch', { branchId: body.branchId });
    if (body.expiresAt <= now || body.expiresAt > now + LINK_MAX_MS) throw new HubRefusal('hub.bad_request', { field: 'expiresAt' });
    return mintLink(ctx.db, device, body, now);
  });

  app.post('/hub/v1/links/revoke', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(linkRevokeRequest, request.body);
    return { revoked: await revokeLink(ctx.db, device.org_id, body.linkId, ctx.now()) };
  });

  app.post('/hub/v1/field/actions', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(fieldPullRequest, request.body);
    // Asking after `cursor` says everything up to it is committed on the device: its photos may go.
    await dropPulledPhotos(ctx.db, device, body.cursor);
    const answer: z.infer<typeof fieldPullResponse> = await pullActions(ctx.db, device, body.cursor, body.limit);
    return answer;
  });

  app.post('/hub/v1/field/photo', authenticated(ctx), async (request, reply) => {
    const device = deviceOf(request);
    const body = parse(fieldPhotoRequest, request.body);
    const photo = await photoFor(ctx.db, device, body.actionId);
    return reply.type('application/json').send(JSON.stringify(photo));
  });

  // The phone's side: forms, so the page works without script.
  app.register(async (phone) => {
    phone.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    async function show(token: string, langParam: unknown, reply: FastifyReply, error: string | null = null, status = 200) {
      const nonce = randomBytes(16).toString('base64');
      const link = await linkByToken(ctx.db, token);
      const lang = languageOr(langParam, languageOr(link?.language, 'en'));
      const gone = goneReason(link, ctx.now());
      if (gone || !link) return pageHeaders(reply, nonce).status(gone === 'unknown' ? 404 : 410).send(gonePage(lang, gone ?? 'unknown', nonce));
      const view = await phoneTask(ctx.db, link.org_id, link.task_id);
      if (!view) return pageHeaders(reply, nonce).status(200).send(gonePage(lang, 'not_synced', nonce));
      if (!stillTheirs(link, view)) return pageHeaders(reply, nonce).status(410).send(gonePage(lang, 'not_yours', nonce));
      const sent = await actionsOfLink(ctx.db, link.id);
      const pending: Pending = { acknowledge: sent.some((a) => a.kind === 'acknowledge'), notes: [] };
      for (const a of sent) if (a.kind === 'note' && !(await hasRow(ctx.db, link.org_id, 'task_note', a.id))) pending.notes.push({ id: a.id, text: a.text ?? '' });
      const outcomes = new Map<string, ActionOutcome>();
      for (const a of sent) {
        if (a.kind === 'acknowledge' || a.kind === 'note') continue;
        const o = await rowOf(ctx.db, link.org_id, 'task_field_outcome', a.id);
        if (o) outcomes.set(a.id, { outcome: String(o.outcome), reason: typeof o.reason === 'string' ? o.reason : null, params: paramsOf(o.params) });
      }
      const work = phoneWork({ employeeId: link.employee_id, time: view.time, checklist: view.checklist, sent, outcomes });
      const base = `/m/${encodeURIComponent(token)}`;
      const html = taskPage({ lang, view, pending, work, nonce, error, newId: randomUUID, actionPath: `${base}/act`, photoPath: `${base}/photo` });
      return pageHeaders(reply, nonce).status(status).send(html);
    }

    // A photo over the limit is refused before its body is read: the employee gets the page and why, not a JSON error.
    phone.setErrorHandler(async (error, request, reply) => {
      const token = (request.params as { token?: string }).token;
      if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || typeof token !== 'string') throw error;
      const link = await linkByToken(ctx.db, token);
      const t = texts(languageOr((request.query as { lang?: string }).lang, languageOr(link?.language, 'en')));
      return show(token, (request.query as { lang?: string }).lang, reply, t('taskField.photoTooBig', { max: Math.floor(FIELD_PHOTO_MAX_BYTES / 1_000_000) }), 413);
    });

    phone.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/m/:token', async (request, reply) => show(request.params.token, request.query.lang, reply));

    phone.post<{ Params: { token: string }; Querystring: { lang?: string } }>('/m/:token/act', async (request, reply) => {
      const { token } = request.params;
      const link = await linkByToken(ctx.db, token);
      if (goneReason(link, ctx.now()) || !link) return show(token, request.query.lang, reply);
      const view = await phoneTask(ctx.db, link.org_id, link.task_id);
      if (!view || !stillTheirs(link, view)) return show(token, request.query.lang, reply);
      const t = texts(languageOr(request.query.lang, languageOr(link.language, 'en')));
      const form = (request.body ?? {}) as Record<string, unknown>;
      const id = typeof form.id === 'string' ? form.id : '';
      const kind = typeof form.kind === 'string' ? form.kind : '';
      const text = typeof form.text === 'string' ? form.text.replace(/\r\n/g, '\n').trim() : '';
      if (!ACTION_ID.test(id) || !PHONE_KINDS.has(kind)) return show(token, request.query.lang, reply, t('taskField.badRequest'), 400);
      // A tick names one of this task's items as the hub knows them; the desktop checks it again against its own.
      const item = typeof form.item === 'string' ? form.item : '';
      if ((kind === 'check' || kind === 'uncheck') && !view.checklist.some((i) => i.id === item)) return show(token, request.query.lang, reply, t('errors.task_check_item_not_found'), 400);
      if (kind === 'note' && !text) return show(token, request.query.lang, reply, t('taskField.noteEmpty'), 400);
      if (text.length > FIELD_NOTE_MAX || CONTROL.test(text)) return show(token, request.query.lang, reply, t('taskField.noteInvalid', { max: FIELD_NOTE_MAX }), 400);
      if ((await actionCount(ctx.db, link.id)) >= ACTIONS_PER_LINK) return show(token, request.query.lang, reply, t('taskField.tooMany'), 429);
      const stored = await queueAction(ctx.db, ctx.engine, link, { id, kind, text: kind === 'note' ? text : kind === 'check' || kind === 'uncheck' ? item : null }, ctx.now());
      request.log.info({ linkId: link.id, kind, stored }, 'field action');
      return backToPage(reply, token, request.query.lang);
    });

    // The photo form: multipart, its body bounded before it is read; the bytes must be an image whatever they claim.
    phone.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_req, body, done) => done(null, body));
    phone.post<{ Params: { token: string }; Querystring: { lang?: string } }>('/m/:token/photo', { bodyLimit: PHOTO_BODY_LIMIT }, async (request, reply) => {
      const { token } = request.params;
      const link = await linkByToken(ctx.db, token);
      if (goneReason(link, ctx.now()) || !link) return show(token, request.query.lang, reply);
      const view = await phoneTask(ctx.db, link.org_id, link.task_id);
      if (!view || !stillTheirs(link, view)) return show(token, request.query.lang, reply);
      const t = texts(languageOr(request.query.lang, languageOr(link.language, 'en')));
      const parts = Buffer.isBuffer(request.body) ? parseMultipart(request.body, request.headers['content-type']) : null;
      const id = parts?.find((p) => p.name === 'id' && p.filename === null)?.data.toString('utf8') ?? '';
      const file = parts?.find((p) => p.name === 'photo' && p.filename !== null);
      if (!parts || !ACTION_ID.test(id) || !file || file.data.length === 0) return show(token, request.query.lang, reply, t('taskField.photoNone'), 400);
      if (file.data.length > FIELD_PHOTO_MAX_BYTES) return show(token, request.query.lang, reply, t('taskField.photoTooBig', { max: Math.floor(FIELD_PHOTO_MAX_BYTES / 1_000_000) }), 413);
      const mime = imageTypeOf(file.data);
      if (!mime) return show(token, request.query.lang, reply, t('taskField.photoNotImage'), 415);
      if ((await actionCount(ctx.db, link.id)) >= ACTIONS_PER_LINK) return show(token, request.query.lang, reply, t('taskField.tooMany'), 429);
      const stored = await queuePhoto(ctx.db, ctx.engine, link, { id, name: photoName(file.filename ?? '', mime), mime, data: Buffer.from(file.data) }, ctx.now());
      request.log.info({ linkId: link.id, kind: 'photo', bytes: file.data.length, stored }, 'field action');
      return backToPage(reply, token, request.query.lang);
    });
  });
}
