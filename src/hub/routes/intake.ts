import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { intakeRequest, WEB_FORM_BODY_LIMIT, WEB_FORM_LIMITS, webSubmission, type intakeResponse, type webSubmissionAnswer } from '../../shared/sync/intake';
import { authenticated, checkVersions, deviceOf, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import { formDirectory } from '../public/directory';
import type { PublicLimits } from '../public/limits';
import { FORM_SCRIPT, formPage, formTexts, openToSites, orgIdOf, pickLanguage, PAGE_POLICY } from '../public/page';
import type { ProofOfWork } from '../public/pow';
import { intakeFor, newReference, storeSubmission } from '../store/intake';

export interface WebForm {
  pow: ProofOfWork;
  limits: PublicLimits;
}

/**
 * The web form (issue 12). Public: the script, the page, the form's directory, a challenge and the submission —
 * limited per address and (the submission) per organization, the body bounded, the proof of work spent once, the
 * honeypot watched. Device-authenticated: `POST /hub/v1/intake`, the branch's device pulling what was submitted for
 * its branches and acknowledging what it committed as tasks.
 */
export function intakeRoute(app: FastifyInstance, ctx: HubContext, web: WebForm): void {
  app.get('/w/form.js', async (request, reply) => {
    web.limits.take(request, reply);
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff');
    return FORM_SCRIPT;
  });

  app.get('/w/form/:orgId', async (request, reply) => {
    web.limits.take(request, reply);
    const orgId = orgIdOf(request.params);
    const lang = pickLanguage((request.query as { lang?: string }).lang ?? request.headers['accept-language']);
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).header('x-content-type-options', 'nosniff');
    return formPage(orgId, lang);
  });

  app.options('/w/v1/*', async (_request, reply) => {
    openToSites(reply);
    return reply.status(204).send();
  });

  app.get('/w/v1/form/:orgId', async (request, reply) => {
    openToSites(reply);
    web.limits.take(request, reply);
    const texts = formTexts((request.query as { lang?: string }).lang);
    const dir = await formDirectory(ctx.db, orgIdOf(request.params));
    if (!dir.defaultBranchId) return reply.status(404).send({ ...new HubRefusal('hub.bad_request', { field: 'orgId' }).body, texts: { unknownForm: texts.unknownForm } });
    return { texts, branches: dir.branches, employees: dir.employees.map(({ id, name, branchIds }) => ({ id, name, branchIds })), limits: WEB_FORM_LIMITS };
  });

  app.get('/w/v1/challenge', async (request, reply) => {
    openToSites(reply);
    web.limits.take(request, reply);
    reply.header('cache-control', 'no-store');
    return web.pow.challenge();
  });

  // The limits are taken when the request arrives, before its body (up to a few MB) is read and parsed.
  const limited = { onRequest: async (request: FastifyRequest, reply: FastifyReply) => web.limits.take(request, reply, orgIdOf(request.params)) };
  app.post('/w/v1/form/:orgId', { ...limited, bodyLimit: WEB_FORM_BODY_LIMIT }, async (request, reply) => {
    openToSites(reply);
    const orgId = orgIdOf(request.params);
    const body = parse(webSubmission, request.body);
    const dir = await formDirectory(ctx.db, orgId);
    if (!dir.defaultBranchId) throw new HubRefusal('hub.bad_request', { field: 'orgId' }, 404);
    const { fields } = body;
    const branchId = fields.branchId ?? dir.defaultBranchId;
    if (!dir.branches.some((b) => b.id === branchId)) throw new HubRefusal('hub.bad_request', { field: 'fields.branchId' });
    if (fields.employeeId && !dir.employees.some((e) => e.id === fields.employeeId && e.branchIds.includes(branchId))) throw new HubRefusal('hub.bad_request', { field: 'fields.employeeId' });
    const proof = await web.pow.check(body.altcha);
    if (!proof.ok) throw new HubRefusal('hub.challenge_failed');
    // A bot that filled the hidden field is answered as a person would be, so it learns nothing; nothing is kept.
    if (body.website !== '') {
      request.log.info({ orgId }, 'web form: honeypot filled');
      const answer: z.infer<typeof webSubmissionAnswer> = { reference: newReference() };
      return answer;
    }
    const stored = await ctx.db.transaction().execute(async (trx) => {
      if (!(await web.pow.spend(trx, proof.challenge, proof.expiresAt))) return null;
      return storeSubmission(trx, { orgId, branchId, fields: { ...fields, branchId }, attachments: body.attachments, now: ctx.now() });
    });
    if (!stored) throw new HubRefusal('hub.challenge_failed');
    request.log.info({ orgId, branchId, submission: stored.id, files: body.attachments.length }, 'web form: submission stored');
    const answer: z.infer<typeof webSubmissionAnswer> = { reference: stored.reference };
    return answer;
  });

  app.post('/hub/v1/intake', { ...authenticated(ctx), bodyLimit: 1024 * 1024 }, async (request) => {
    const device = deviceOf(request);
    const body = parse(intakeRequest, request.body);
    checkVersions(ctx, body.protocol, body.schemaVersion);
    const answer: z.infer<typeof intakeResponse> = await intakeFor(ctx.db, device, body, ctx.now());
    return answer;
  });
}
