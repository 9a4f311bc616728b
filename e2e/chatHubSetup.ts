/*
 * Run with tsx by the chat widget's spec (the hub's test device imports the hub, which Playwright's loader cannot):
 *   node --import tsx e2e/chatHubSetup.ts <hubUrl> <newOrgCode>
 * Registers a device of a new organization, pushes its operator and its chat settings (synced rows); prints
 * `{ orgId, key }` as one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { pushChatSettings, pushOperators } from '../src/hub/testing/chat';
import { TestDevice } from '../src/hub/testing/device';

const [url, code] = process.argv.slice(2);
const device = new TestDevice({ url: url!, clock: { now: () => Date.now() } }, randomUUID());
const r = await device.register(code!);
if (r.status !== 200) throw new Error(`registration refused: ${JSON.stringify(r.body)}`);
await pushOperators(device, [{ id: 'user-anna', name: 'Anna Kalniņa' }]);
// The settings as the desktop's chat settings screen syncs them: the organization's row and the operator's photo.
await pushChatSettings(device, {
  questionnaire: { name: 'required', phone: 'asked', email: 'required', topic: 'asked' },
  topics: ['Zobu higiēna / Dental hygiene', 'Implanti / Implants'],
  greetings: { en: 'Hello! Ask us about prices, appointments or treatment.', hy: 'Բարև Ձեզ։ Հարցրեք գների, այցերի կամ բուժման մասին։' },
  logoUrl: 'https://smaids.example/logo.svg',
  photos: { 'user-anna': 'https://smaids.example/team/anna.svg' },
});
console.log(JSON.stringify({ orgId: device.orgId, key: device.key }));
