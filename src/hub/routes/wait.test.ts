import { describe, expect, it } from 'vitest';
import { foundingDevice, joiningDevice, startTestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';

const elapsed = async <T>(p: Promise<T>) => {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
};

describe.each(ENGINES)('the long poll (%s)', (engine) => {
  it('wakes a waiting device as soon as another pushes to its organization, and only then', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const b = await joiningDevice(hub, a.orgId!);
    const waiting = elapsed(b.wait(20_000));
    await new Promise((r) => setTimeout(r, 300));
    await a.sync([a.cell('clients', 'c1', 'name', 'Anna')]);
    const { value, ms } = await waiting;
    expect(value).toMatchObject({ status: 200, body: { changed: true, cursor: 0 } });
    expect(ms).toBeLessThan(5_000);
    expect((await b.pullAll()).map((c) => c.rowId)).toEqual(['c1']);
    // Something already waiting after the cursor: at once.
    const again = await a.sync([a.cell('clients', 'c2', 'name', 'Berta')]);
    expect(again.status).toBe(200);
    expect((await elapsed(b.wait(20_000))).value.body.changed).toBe(true);
  });

  it("a device's own pushes, another branch's and another organization's do not wake it; the timeout answers 'no change'", async () => {
    const hub = await startTestHub(engine);
    const head = await foundingDevice(hub);
    const riga = await joiningDevice(hub, head.orgId!, ['riga']);
    const other = await foundingDevice(hub, 'Other org');
    const waiting = elapsed(riga.wait(1500));
    await new Promise((r) => setTimeout(r, 200));
    await riga.sync([riga.cell('visits', 'v1', 'status', 'arrived', { branchId: 'riga' })]);
    await head.sync([head.cell('visits', 'v2', 'status', 'arrived', { branchId: 'yerevan' })]);
    await other.sync([other.cell('visits', 'v3', 'status', 'arrived')]);
    const { value, ms } = await waiting;
    expect(value.body).toEqual({ changed: false, cursor: 0 });
    expect(ms).toBeGreaterThanOrEqual(1400);
  });

  it('stopping the hub answers open long polls at once', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const waiting = elapsed(a.wait(60_000));
    await new Promise((r) => setTimeout(r, 300));
    await hub.hub.close();
    const { value, ms } = await waiting;
    expect(value.body).toEqual({ changed: false, cursor: 0 });
    expect(ms).toBeLessThan(5_000);
  });
});
