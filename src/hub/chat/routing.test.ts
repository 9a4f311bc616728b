import { describe, expect, it, onTestFinished } from 'vitest';
import { createHub } from '../server';
import { createCode } from '../store/devices';
import { freshStorage } from '../testing/storage';
import { testClock } from '../testing/device';
import { ChatClient, CHAT_TEST_OPTIONS, startChat } from '../testing/chat';
import { pushClientWithRequest, pushStaff, WEEKDAYS_9_TO_18, type StaffMember } from '../testing/chatStaff';
import { foundingDevice, post, startTestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';
import { touchOperators } from '../store/chat';
import { readStaff } from './staff';

// Monday 7 December 2026, 10:00 in Rīga (08:00 UTC): inside 09:00–18:00 there.
const MONDAY_10_RIGA = Date.UTC(2026, 11, 7, 8, 0);

const ANNA: StaffMember = { id: 'user-anna', name: 'Anna', role: 'employee', experience: 1, cost: 1, week: WEEKDAYS_9_TO_18 };
const BORIS: StaffMember = { id: 'user-boris', name: 'Boris', role: 'dispatcher', experience: 3, cost: 3, sms: true, week: WEEKDAYS_9_TO_18 };
const CARL: StaffMember = { id: 'user-carl', name: 'Carl', role: 'branch_manager', experience: 5, cost: 5, week: WEEKDAYS_9_TO_18 };

async function clinic(engine: (typeof ENGINES)[number], people: StaffMember[], settings: Parameters<typeof pushStaff>[3] = {}) {
  const hub = await startTestHub(engine, CHAT_TEST_OPTIONS);
  hub.clock.set(MONDAY_10_RIGA);
  const device = await foundingDevice(hub);
  const orgId = device.orgId!;
  await pushStaff(device, orgId, people, settings);
  return { hub, device, orgId };
}

const opened: ChatClient[] = [];
async function operator(url: string, device: { key: string }, userId: string) {
  const op = await ChatClient.operator(url, device, userId);
  opened.push(op);
  await op.next((f) => f.t === 'hello');
  op.send({ t: 'resume', after: 0 });
  return op;
}

describe.each(ENGINES)('chat routing on %s', (engine) => {
  it('the hub computes chat candidates from the cells a desktop pushed: roles, levels, schedules, exceptions, presence, open chats', async () => {
    const onHoliday: StaffMember = { id: 'user-dace', name: 'Dace', role: 'employee', week: WEEKDAYS_9_TO_18, exceptions: [{ kind: 'vacation', dayFrom: '2026-12-07', dayTo: '2026-12-11', intervals: null }] };
    const accountant: StaffMember = { id: 'user-edgars', name: 'Edgars', role: 'accountant', week: WEEKDAYS_9_TO_18 };
    const gone: StaffMember = { id: 'user-fricis', name: 'Fricis', role: 'employee', active: false, week: WEEKDAYS_9_TO_18 };
    const { hub, device, orgId } = await clinic(engine, [ANNA, BORIS, CARL, onHoliday, accountant, gone]);
    const op = await operator(hub.url, device, ANNA.id);
    await operator(hub.url, device, onHoliday.id);
    // Presence is written as the socket opens; wait until the hub has it.
    await expect.poll(async () => (await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.filter((c) => c.online).length).toBe(2);

    const staff = await readStaff(hub.hub.db, orgId, hub.clock.now());
    const byId = Object.fromEntries(staff.candidates.map((c) => [c.userId, c]));
    // The accountant's role has no chat right; an inactive user answers nothing.
    expect(Object.keys(byId).sort()).toEqual([ANNA.id, BORIS.id, CARL.id, onHoliday.id].sort());
    expect(byId[ANNA.id]).toEqual({ userId: ANNA.id, online: true, inWorkingHours: true, openChats: 0, experience: 1, cost: 1 });
    expect(byId[BORIS.id]).toMatchObject({ online: false, inWorkingHours: true, experience: 3, cost: 3 });
    // No chat_operator row: the middle of the scale.
    expect(byId[onHoliday.id]).toMatchObject({ online: true, inWorkingHours: false, experience: 3, cost: 3 });
    expect([...staff.smsOnStart]).toEqual([BORIS.id]);

    // The widget's status: Anna is connected and in her hours.
    const config = (await (await fetch(`${hub.url}/chat/v1/config/${orgId}?lang=en`)).json()) as { status: { kind: string } };
    expect(config.status).toEqual({ kind: 'now' });

    // A conversation routed to Anna counts as one of her open chats.
    const started = await startChat(hub.url, orgId, { name: 'Jānis', topic: 'Cenas' });
    expect(started.status).toBe(200);
    expect((await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.find((c) => c.userId === ANNA.id)!.openChats).toBe(1);

    // After hours (20:00 in Rīga) nobody is in working hours: the widget says when they answer.
    await op.close();
    hub.clock.set(Date.UTC(2026, 11, 7, 18, 0));
    const later = (await (await fetch(`${hub.url}/chat/v1/config/${orgId}?lang=en`)).json()) as { status: Record<string, unknown> };
    // The staff cache may hold the morning's answer for a moment.
    await expect
      .poll(async () => ((await (await fetch(`${hub.url}/chat/v1/config/${orgId}?lang=en`)).json()) as { status: Record<string, unknown> }).status, { timeout: 5000 })
      .toEqual({ kind: 'from', at: '2026-12-08T07:00:00.000Z', zone: 'Europe/Riga', date: '2026-12-08', time: '09:00', day: 'tomorrow' });
    expect(later.status.kind).not.toBe('unknown');
  });

  it('a known client goes to the responsible person of their open request, with a queued task action; an unknown visitor to the most available', async () => {
    const { hub, device, orgId } = await clinic(engine, [ANNA, BORIS, CARL]);
    await pushClientWithRequest(device, { clientId: 'client-ona', phoneE164: '+37129123456', digitsRev: '65432192173', email: 'ona@example.test', responsibleId: BORIS.id, interventionId: 'int-1' });
    const anna = await operator(hub.url, device, ANNA.id);
    await operator(hub.url, device, CARL.id);
    await expect.poll(async () => (await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.filter((c) => c.online).length).toBe(2);

    // The phone typed the local way, with spaces: normalised as the clients module does.
    const known = await startChat(hub.url, orgId, { name: 'Ona', phone: '29 123 456' });
    expect(known.status).toBe(200);
    const conv = await anna.next((f) => f.t === 'conversation' && (f.conversation as { id: string }).id === known.body.conversationId);
    // Boris is not connected, yet the client's responsible person gets it (the task tells him).
    expect(conv.conversation).toMatchObject({ assigneeId: BORIS.id, clientId: 'client-ona' });

    const pulled = await post<{ actions: { id: string; kind: string; conversationId: string; branchId: string; payload: Record<string, unknown> }[]; cursor: number }>(hub.url, '/hub/v1/chat/actions', { cursor: 0 }, device.key);
    expect(pulled.status).toBe(200);
    expect(pulled.body.actions).toHaveLength(1);
    expect(pulled.body.actions[0]).toMatchObject({
      id: `chat-task-${known.body.conversationId}`,
      kind: 'chat_task',
      conversationId: known.body.conversationId,
      branchId: 'branch-riga',
      payload: { userId: BORIS.id, clientId: 'client-ona', request: { kind: 'intervention', id: 'int-1' }, sms: true, answers: { name: 'Ona', phone: '29 123 456' } },
    });
    // Matched by e-mail too (any case).
    const byMail = await startChat(hub.url, orgId, { name: 'Ona', email: 'ONA@example.test' });
    expect((await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'client_id']).where('id', '=', byMail.body.conversationId).executeTakeFirstOrThrow())).toEqual({ assignee_id: BORIS.id, client_id: 'client-ona' });

    // Unknown: the most experienced available (experienced_first), not the offline Boris; no action.
    const stranger = await startChat(hub.url, orgId, { name: 'Pēteris', phone: '+371 2000 0000' });
    const row = await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'client_id']).where('id', '=', stranger.body.conversationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: CARL.id, client_id: null });
    const again = await post<{ actions: unknown[]; cursor: number }>(hub.url, '/hub/v1/chat/actions', { cursor: pulled.body.cursor }, device.key);
    expect(again.body.actions).toHaveLength(1);
  });

  it('cheapest first: with nobody online the conversation waits, and is routed when someone connects', async () => {
    const { hub, device, orgId } = await clinic(engine, [ANNA, BORIS, CARL], { strategy: 'cheapest_first' });
    const started = await startChat(hub.url, orgId, { name: 'Jānis' });
    expect(started.status).toBe(200);
    const waiting = await hub.hub.db.selectFrom('hub_chat_conversation').select('assignee_id').where('id', '=', started.body.conversationId).executeTakeFirstOrThrow();
    expect(waiting.assignee_id).toBeNull();
    const carl = await operator(hub.url, device, CARL.id);
    const routed = await carl.next((f) => f.t === 'conversation' && (f.conversation as { assigneeId: string | null }).assigneeId !== null);
    expect(routed.conversation).toMatchObject({ id: started.body.conversationId, assigneeId: CARL.id });
    // Anna (cheaper) connects: the next new conversation is hers.
    await operator(hub.url, device, ANNA.id);
    await expect.poll(async () => (await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.filter((c) => c.online).length).toBe(2);
    const next = await startChat(hub.url, orgId, { name: 'Ilze' });
    expect((await hub.hub.db.selectFrom('hub_chat_conversation').select('assignee_id').where('id', '=', next.body.conversationId).executeTakeFirstOrThrow()).assignee_id).toBe(ANNA.id);
  });

  it('a silent assignee: after N minutes the conversation moves to the next more experienced colleague, once; an answered one stays', async () => {
    const { hub, device, orgId } = await clinic(engine, [ANNA, BORIS, CARL], { strategy: 'cheapest_first', escalateAfterMinutes: 5 });
    const anna = await operator(hub.url, device, ANNA.id);
    await operator(hub.url, device, BORIS.id);
    await operator(hub.url, device, CARL.id);
    await expect.poll(async () => (await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.filter((c) => c.online).length).toBe(3);
    const silent = await startChat(hub.url, orgId, { name: 'Jānis' });
    const answered = await startChat(hub.url, orgId, { name: 'Ilze' });
    const assignees = await hub.hub.db.selectFrom('hub_chat_conversation').select(['id', 'assignee_id']).execute();
    expect(assignees.map((a) => a.assignee_id)).toEqual([ANNA.id, ANNA.id]);

    const visitor = await ChatClient.visitor(hub.url, silent.body.token);
    opened.push(visitor);
    visitor.send({ t: 'resume', after: 0 });
    visitor.send({ t: 'send', clientId: 'visitor-msg-1', text: 'Vai jūs tur esat?' });
    await visitor.next((f) => f.t === 'ack');
    const other = await ChatClient.visitor(hub.url, answered.body.token);
    opened.push(other);
    other.send({ t: 'send', clientId: 'visitor-msg-2', text: 'Labdien' });
    await other.next((f) => f.t === 'ack');
    anna.send({ t: 'reply', clientId: 'anna-reply-1', conversationId: answered.body.conversationId, text: 'Labdien! Klausos.', quoteSeq: null });
    await anna.next((f) => f.t === 'ack' && f.clientId === 'anna-reply-1');

    const heartbeat = () => touchOperators(hub.hub.db, [ANNA, BORIS, CARL].map((p) => ({ orgId, userId: p.id })), hub.clock.now());
    hub.clock.advance(4 * 60_000);
    await heartbeat();
    expect(await hub.hub.chatEscalation()).toBe(0);
    hub.clock.advance(2 * 60_000);
    await heartbeat();
    expect(await hub.hub.chatEscalation()).toBe(1);
    const after = await hub.hub.db.selectFrom('hub_chat_conversation').select(['id', 'assignee_id', 'had_by']).execute();
    const byId = Object.fromEntries(after.map((a) => [a.id, a]));
    // The next step up is Boris (3), not Carl (5); the answered conversation stays with Anna.
    expect(byId[silent.body.conversationId]).toMatchObject({ assignee_id: BORIS.id, had_by: JSON.stringify([ANNA.id]) });
    expect(byId[answered.body.conversationId]!.assignee_id).toBe(ANNA.id);
    // The visitor's status frame names the new person; the operators see the conversation's new rev.
    await visitor.next((f) => f.t === 'status');
    await anna.next((f) => f.t === 'conversation' && (f.conversation as { assigneeId: string }).assigneeId === BORIS.id);
    // A pass again changes nothing until Boris too stays silent N minutes more; then Carl, never back to Anna.
    expect(await hub.hub.chatEscalation()).toBe(0);
    hub.clock.advance(5 * 60_000);
    await heartbeat();
    expect(await hub.hub.chatEscalation()).toBe(1);
    const top = await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'had_by']).where('id', '=', silent.body.conversationId).executeTakeFirstOrThrow();
    expect(top).toEqual({ assignee_id: CARL.id, had_by: JSON.stringify([ANNA.id, BORIS.id]) });
    hub.clock.advance(10 * 60_000);
    await heartbeat();
    expect(await hub.hub.chatEscalation()).toBe(0);
  });

  it('an operator escalates by hand: the targets list, the next step up, a chosen colleague; refused for someone unknown', async () => {
    const { hub, device, orgId } = await clinic(engine, [ANNA, BORIS, CARL], { strategy: 'cheapest_first', escalateAfterMinutes: 0 });
    const anna = await operator(hub.url, device, ANNA.id);
    await operator(hub.url, device, BORIS.id);
    await operator(hub.url, device, CARL.id);
    await expect.poll(async () => (await readStaff(hub.hub.db, orgId, hub.clock.now())).candidates.filter((c) => c.online).length).toBe(3);
    const started = await startChat(hub.url, orgId, { name: 'Jānis' });
    const conversationId = started.body.conversationId;
    anna.send({ t: 'targets', conversationId });
    const targets = await anna.next((f) => f.t === 'targets');
    expect(targets.targets).toEqual([
      { userId: BORIS.id, available: true, moreExperienced: true },
      { userId: CARL.id, available: true, moreExperienced: true },
    ]);
    anna.send({ t: 'escalate', clientId: 'anna-escalate-1', conversationId });
    await anna.next((f) => f.t === 'ack' && f.clientId === 'anna-escalate-1');
    expect((await hub.hub.db.selectFrom('hub_chat_conversation').select('assignee_id').where('id', '=', conversationId).executeTakeFirstOrThrow()).assignee_id).toBe(BORIS.id);
    anna.send({ t: 'escalate', clientId: 'anna-escalate-2', conversationId, userId: 'user-nobody' });
    expect(await anna.next((f) => f.t === 'error' && f.clientId === 'anna-escalate-2')).toMatchObject({ code: 'chat.unknown_user' });
    anna.send({ t: 'escalate', clientId: 'anna-escalate-3', conversationId, userId: CARL.id });
    await anna.next((f) => f.t === 'ack' && f.clientId === 'anna-escalate-3');
    const row = await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'had_by']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: CARL.id, had_by: JSON.stringify([ANNA.id, BORIS.id]) });
    // Carl is the most experienced: no step up is left.
    anna.send({ t: 'escalate', clientId: 'anna-escalate-4', conversationId });
    expect(await anna.next((f) => f.t === 'error' && f.clientId === 'anna-escalate-4')).toMatchObject({ code: 'chat.no_one_up' });
  });
});

describe('chat escalation with two hub processes on one PostgreSQL', () => {
  it('each silent conversation is escalated once, by one process', async () => {
    const storage = await freshStorage('pg');
    const clock = testClock(MONDAY_10_RIGA);
    // Each process's own timer is slowed down: the test runs the passes itself, at the same moment on both.
    const options = { storage, now: clock.now, ...CHAT_TEST_OPTIONS, chat: { escalateEveryMs: 3_600_000 } };
    const a = await createHub(options);
    onTestFinished(() => a.close());
    const b = await createHub(options);
    onTestFinished(() => b.close());
    const url = await a.app.listen({ port: 0, host: '127.0.0.1' });
    const device = await foundingDevice({ hub: a, url, clock, code: (spec, ttl) => createCode(a.db, spec, clock.now(), ttl) });
    const orgId = device.orgId!;
    await pushStaff(device, orgId, [ANNA, BORIS, CARL], { strategy: 'cheapest_first', escalateAfterMinutes: 5, maxChatsEach: 10 });
    await operator(url, device, ANNA.id);
    await operator(url, device, BORIS.id);
    await expect.poll(async () => (await readStaff(a.db, orgId, clock.now())).candidates.filter((c) => c.online).length).toBe(2);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const started = await startChat(url, orgId, { name: `Visitor ${i}` });
      const v = await ChatClient.visitor(url, started.body.token);
      opened.push(v);
      v.send({ t: 'send', clientId: `visitor-msg-${i}-x`, text: 'Labdien?' });
      await v.next((f) => f.t === 'ack');
      ids.push(started.body.conversationId);
    }
    clock.advance(6 * 60_000);
    await touchOperators(a.db, [ANNA, BORIS].map((p) => ({ orgId, userId: p.id })), clock.now());
    const [byA, byB] = await Promise.all([a.chatEscalation(), b.chatEscalation()]);
    expect(byA + byB).toBe(ids.length);
    const rows = await a.db.selectFrom('hub_chat_conversation').select(['assignee_id', 'had_by']).where('id', 'in', ids).execute();
    expect(rows.map((r) => [r.assignee_id, r.had_by])).toEqual(ids.map(() => [BORIS.id, JSON.stringify([ANNA.id])]));
    // One new rev per move: the organization's counter holds every change once.
    expect(await Promise.all([a.chatEscalation(), b.chatEscalation()])).toEqual([0, 0]);
  });
});
