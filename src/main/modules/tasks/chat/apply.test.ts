import type { PushEvent } from '../../../api/events';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../clock';
import { disposeTestApp, openTestOrg, personInput, type TestApp } from '../../../testing/harness';
import { outboxRows } from '../../../mail/testing/mailApp';
import { startTestHub, type TestHub } from '../../../sync/engine/hubTesting';
import { startChat } from '../../../../hub/testing/chat';
import { TASK_NOTICES } from '../field/notices';
import { CHAT_ACTIONS } from './apply';
import { SYNC_DESK } from '../../../sync';
import { chatActionPullResponse } from '../../../../shared/chat/actions';

/**
 * The website chat's linked task end to end: a desktop pushes its people, a client and the client's open task to a
 * real hub; a visitor with the client's phone starts a chat there; the desktop's next round pulls the hub's action and
 * makes exactly one task for the responsible person, linked to the client, the request and the conversation, and one
 * SMS through the task notices — however many times the action is pulled.
 */

const opened: TestApp[] = [];
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const app of opened.splice(0)) await disposeTestApp(app);
});

describe('chat actions on the desktop', () => {
  it('a known client writing in the chat gives their responsible person one linked task and one SMS, even pulled twice', async () => {
    const clock = new ManualClock(Date.now());
    const { app, owner } = await openTestOrg({ config: { clock } });
    opened.push(app);
    const hub = await startTestHub({ now: () => clock.now() });
    hubs.push(hub);
    await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Vilnius desk' });
    const [branch] = await app.call(owner, 'branches.list', {});
    await app.call(owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'UZ-', padding: 5, nextNumber: 1 });
    const rasa = await app.call(owner, 'users.create', { login: 'rasa', password: 'password-123', name: 'Rasa Dispečerė', email: 'rasa@serviss.example', role: 'dispatcher', language: 'lt', branchIds: [branch!.id] });
    await app.call(owner, 'tasks.notices.savePrefs', { userId: rasa.id, prefs: { urgent: 'email', medium: 'email', notUrgent: 'email', phone: '+370 600 00002' } });
    await app.call(owner, 'chatSettings.saveOperator', { userId: rasa.id, version: 0, experience: 3, cost: 2, smsOnStart: true });
    const clientId = (await app.call(owner, 'clients.create', { ...personInput('Ona Onaitė'), phones: [{ number: '+37060000001' }] })).client.id;
    // The client's open request: a task whose responsible person is the branch's dispatcher.
    const request = await app.call(owner, 'tasks.create', { branchId: branch!.id, clientId, priority: 'medium', subject: 'Neveikia katilas' });
    expect(request.responsibleId).toBe(rasa.id);
    await app.call(owner, 'sync.now', {});

    const org = await hub.hub.db.selectFrom('hub_organization').select('id').executeTakeFirstOrThrow();
    const started = await startChat(hub.url, org.id, { name: 'Ona', phone: '+370 600 00001', topic: 'Katilas' }, 'https://serviss.example/katilai');
    expect(started.status).toBe(200);
    const conversationId = started.body.conversationId;
    const conv = await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'client_id']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(conv).toEqual({ assignee_id: rasa.id, client_id: clientId });

    const popups: PushEvent[] = [];
    app.core.bus.on((e) => void (e.name === 'tasks.fromChat' && popups.push(e)));
    await app.call(owner, 'sync.now', {});
    const linked = async () => app.core.db.selectFrom('task').selectAll().where('chat_conversation_id', '=', conversationId).execute();
    const [task] = await linked();
    expect(await linked()).toHaveLength(1);
    expect(task).toMatchObject({ client_id: clientId, assignee_id: rasa.id, status: 'assigned', priority: 'urgent', request_kind: 'task', request_id: request.id, source: 'chat', branch_id: branch!.id });
    const detail = await app.call(owner, 'tasks.get', { id: task!.id });
    expect(detail.subject).toMatch(/Ona/);
    expect(detail.description).toContain('https://serviss.example/katilai');
    // The request as it is numbered by now (the round that pushed it brought its final number).
    expect(detail.description).toContain((await app.call(owner, 'tasks.get', { id: request.id })).number!);
    expect(detail.timeline.filter((n) => n.kind === 'note').map((n) => n.text)).toHaveLength(1);
    // The form's links: the conversation and the request it continues, by its number.
    expect(detail.chatLink).toEqual({ conversationId, requestKind: 'task', requestId: request.id, requestNumber: (await app.call(owner, 'tasks.get', { id: request.id })).number });
    expect((await app.call(owner, 'tasks.get', { id: request.id })).chatLink).toBeNull();
    // The pop-up goes to Rasa's windows only, with the task's number as it was made (the branch's provisional one until
    // the hub's final number arrives) and the client's name.
    expect(popups.map((e) => [e.userId, e.payload])).toEqual([[rasa.id, { taskId: task!.id, number: task!.provisional_number, clientName: 'Ona Onaitė', conversationId }]]);
    expect(task!.provisional_number).toMatch(/^UZ-/);

    const notices = app.core.services.get(TASK_NOTICES);
    await notices.run();
    const sms = async () => (await outboxRows(app)).filter((r) => r.channel === 'sms');
    expect((await sms()).map((r) => [r.recipient, r.ref_entity])).toEqual([['+37060000002', 'task_notice']]);
    // In Rasa's language (Lithuanian) around the task's subject (the organization's), with her phone page's link.
    expect((await sms())[0]!.body).toMatch(/^\[UZ-[^\]]+\] Skubu: .*Ona\. http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]+$/);

    // Pulled again: the next round, and the same page applied again from the start (a lost cursor) — nothing new.
    await app.call(owner, 'sync.now', {});
    const applier = app.core.services.get(CHAT_ACTIONS);
    const key = (await app.core.services.get(SYNC_DESK).hub())!.key;
    const page = chatActionPullResponse.parse(await (await fetch(`${hub.url}/hub/v1/chat/actions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ cursor: 0 }) })).json());
    expect(page.actions.map((a) => a.conversationId)).toEqual([conversationId]);
    await applier.apply(org.id, page.actions, page.cursor);
    await notices.run();
    expect(await linked()).toHaveLength(1);
    expect(await sms()).toHaveLength(1);
    // Applied again, nothing made: no second pop-up.
    expect(popups).toHaveLength(1);
    expect(await app.core.db.selectFrom('task_chat_action').select(['action_id', 'outcome', 'task_id']).execute()).toEqual([{ action_id: page.actions[0]!.id, outcome: 'applied', task_id: task!.id }]);
  });
});
