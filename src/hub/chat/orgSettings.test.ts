import { describe, expect, it } from 'vitest';
import { ChatClient, CHAT_TEST_OPTIONS, pushChatSettings, pushOperators, startChat } from '../testing/chat';
import { foundingDevice, startTestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';
import { questionnaireOf } from './orgSettings';

const ANNA = 'user-anna';

async function config(url: string, orgId: string, lang: string) {
  const res = await fetch(`${url}/chat/v1/config/${orgId}?lang=${lang}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { questionnaire: { ask: string[]; require: string[]; topics: string[] }; greeting: string | null; logoUrl: string | null };
}

// The hub re-reads an organization's settings after a second of its own clock.
const settle = () => new Promise((r) => setTimeout(r, 1100));

describe('questionnaireOf', () => {
  it('turns the desktop’s modes into asked and required lists; a topic without topics, or an unknown mode, is not asked', () => {
    expect(questionnaireOf(null)).toEqual({ ask: ['name', 'phone', 'email'], require: ['name'], topics: [] });
    const row = { questionnaire: JSON.stringify({ name: 'asked', phone: 'required', email: 'sometimes', topic: 'required' }), topics: '["Implants"]' };
    expect(questionnaireOf(row)).toEqual({ ask: ['name', 'phone', 'topic'], require: ['phone', 'topic'], topics: ['Implants'] });
    expect(questionnaireOf({ ...row, topics: '[]' })).toEqual({ ask: ['name', 'phone'], require: ['phone'], topics: [] });
    expect(questionnaireOf({ questionnaire: 'not json', topics: 7 })).toEqual({ ask: [], require: [], topics: [] });
  });
});

describe.each(ENGINES)('the widget’s settings are the synced chat rows, on %s', (engine) => {
  it('a desktop’s pushed rows set the questionnaire, topics, greeting, logo and the operator’s photo and name', async () => {
    const hub = await startTestHub(engine, CHAT_TEST_OPTIONS);
    const device = await foundingDevice(hub);
    const orgId = device.orgId!;
    await pushOperators(device, [{ id: ANNA, name: 'Anna Kalniņa' }]);

    // Nothing saved on the desktop yet: what its screen shows as the defaults.
    const before = await config(hub.url, orgId, 'en');
    expect(before).toMatchObject({ questionnaire: { ask: ['name', 'phone', 'email'], require: ['name'], topics: [] }, greeting: null, logoUrl: null });

    await pushChatSettings(device, {
      questionnaire: { name: 'required', phone: 'required', email: 'off', topic: 'asked' },
      topics: ['Implanti', 'Zobu higiēna'],
      greetings: { en: 'Hello! Ask us anything.', hy: 'Բարև Ձեզ։' },
      logoUrl: 'https://smaids.example/logo.png',
      photos: { [ANNA]: 'https://smaids.example/team/anna.jpg' },
    });
    await settle();
    expect(await config(hub.url, orgId, 'hy')).toMatchObject({
      questionnaire: { ask: ['name', 'phone', 'topic'], require: ['name', 'phone'], topics: ['Implanti', 'Zobu higiēna'] },
      greeting: 'Բարև Ձեզ։',
      logoUrl: 'https://smaids.example/logo.png',
    });
    // A language without a greeting gets none (the widget's own words).
    expect((await config(hub.url, orgId, 'lv')).greeting).toBeNull();

    // The start follows the same rows: the phone is now required, the e-mail no longer asked (and not kept).
    expect(await startChat(hub.url, orgId, { name: 'Ieva', email: 'ieva@example.test' })).toMatchObject({ status: 400, body: { params: { field: 'answers.phone' } } });
    const started = await startChat(hub.url, orgId, { name: 'Ieva', phone: '+371 20000000', email: 'ieva@example.test', topic: 'Implanti' });
    expect(started.status).toBe(200);
    const stored = await hub.hub.db.selectFrom('hub_chat_conversation').select('answers').where('id', '=', started.body.conversationId).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers as string)).toEqual({ name: 'Ieva', phone: '+371 20000000', topic: 'Implanti' });

    // The answering person's photo and name reach the visitor from the operator's row and the user's row.
    const op = await ChatClient.operator(hub.url, device, ANNA);
    await op.next((f) => f.t === 'hello');
    const conversationId = started.body.conversationId;
    op.send({ t: 'transfer', clientId: 'transfer-0001', conversationId, userId: ANNA });
    await op.next((f) => f.t === 'ack' && f.clientId === 'transfer-0001');
    const visitor = await ChatClient.visitor(hub.url, started.body.token);
    expect(await visitor.next((f) => f.t === 'hello')).toMatchObject({ assignee: { name: 'Anna Kalniņa', photoUrl: 'https://smaids.example/team/anna.jpg' } });
    visitor.send({ t: 'resume', after: 0 });
    op.send({ t: 'reply', clientId: 'reply-00001', conversationId, text: 'Labdien!', quoteSeq: null });
    expect(await visitor.next((f) => f.t === 'message' && f.seq === 1)).toMatchObject({ name: 'Anna Kalniņa', text: 'Labdien!' });

    // A later save on the desktop: the logo removed, a photo address that is not https never reaches a visitor.
    await pushChatSettings(device, { logoUrl: null, greetings: { en: 'We are here.' }, photos: { [ANNA]: 'http://smaids.example/anna.jpg' } });
    await settle();
    expect(await config(hub.url, orgId, 'en')).toMatchObject({ logoUrl: null, greeting: 'We are here.' });
    expect((await config(hub.url, orgId, 'hy')).greeting).toBeNull();
    const again = await ChatClient.visitor(hub.url, started.body.token);
    expect(await again.next((f) => f.t === 'hello')).toMatchObject({ assignee: { name: 'Anna Kalniņa', photoUrl: null } });

    // The settings have one source: the old settings request is gone.
    const put = await fetch(`${hub.url}/hub/v1/chat/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${device.key}` }, body: '{}' });
    expect(put.status).toBe(404);
    await Promise.all([op.close(), visitor.close(), again.close()]);
  });
});
