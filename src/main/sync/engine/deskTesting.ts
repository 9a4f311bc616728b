import { afterEach } from 'vitest';
import { systemClock, type Clock } from '../../clock';
import type { CoreConfig } from '../../config';
import { disposeTestApp, OWNER, openTestOrg, startTestApp, type TestApp } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { startTestHub, type TestHub } from './hubTesting';

/**
 * Desktops and hubs for a test file of the engine: each made here is closed after its test, the hub first (closed
 * after the desktops had dropped their long polls, it was seen waiting past a minute).
 */
export function useDesks() {
  const opened: TestApp[] = [];
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.stop();
    for (const app of opened.splice(0)) await disposeTestApp(app);
  });

  async function hubFor(opts: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
    const h = await startTestHub(opts);
    hubs.push(h);
    return h;
  }

  /** Head office: an organization set up by the wizard, registered with the hub by a code that founds it there. */
  async function headOffice(hub: TestHub, clock: Clock = systemClock) {
    const org = await openTestOrg({ config: { clock } });
    opened.push(org.app);
    const me = (await org.app.call(org.owner, 'auth.me', {}))!;
    const status = await org.app.call(org.owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Rīga desk' });
    return { ...org, orgId: me.orgId, status };
  }

  /** A fresh installation joining the organization through the hub: it has nobody to log in until the first pull. */
  async function branchJoins(hub: TestHub, orgId: string, config: Partial<CoreConfig> = {}) {
    const app = await startTestApp({ clock: systemClock, ...config });
    opened.push(app);
    await app.call(null, 'sync.join', { hubUrl: hub.url, code: await hub.joinCode(orgId), deviceName: 'Yerevan desk' });
    await app.core.services.get(SYNC_DESK).engine.syncNow();
    return { app, owner: await app.login(OWNER.login, OWNER.password) };
  }

  return { hubFor, headOffice, branchJoins, opened };
}
