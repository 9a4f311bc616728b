/*
 * Run with tsx by the chat widget's spec (the hub's test device imports the hub, which Playwright's loader cannot):
 *   node --import tsx e2e/chatHubSetup.ts <hubUrl> <newOrgCode>
 * Registers a device of a new organization, pushes its operator and sets the widget's settings; prints
 * `{ orgId, key }` as one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { pushOperators } from '../src/hub/testing/chat';
import { TestDevice } from '../src/hub/testing/device';

const [url, code] = process.argv.slice(2);
const device = new TestDevice({ url: url!, clock: { now: () => Date.now() } }, randomUUID());
const r = await device.register(code!);
if (r.status !== 200) throw new Error(`registration refused: ${JSON.stringify(r.body)}`);
await pushOperators(device, [{ id: 'user-anna', name: 'Anna' }]);
const settings = await fetch(`${url}/hub/v1/chat/settings`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${device.key}` },
  body: JSON.stringify({
    questionnaire: { ask: ['name', 'phone', 'email', 'topic'], require: ['name', 'email'], topics: ['Zobu higiēna / Dental hygiene', 'Implanti / Implants'] },
    logoUrl: null,
    photos: {},
    names: { 'user-anna': 'Anna Kalniņa' },
  }),
});
if (settings.status !== 200) throw new Error(`settings refused: ${settings.status}`);
console.log(JSON.stringify({ orgId: device.orgId, key: device.key }));
