import { describe, expect, it } from 'vitest';
import { withCtx, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { assertPeriodOpen } from './service';

let app: TestApp;
let owner: string;
withTestOrg('test', (org) => ({ app, owner } = org));

describe('working periods', () => {
  it('refuses documents dated in a locked month with a clear error, and opens again on unlock', async () => {
    const user = await app.call(owner, 'auth.me', {});
    await app.call(owner, 'periods.lock', { month: '2026-10' });
    const locked = withCtx(app, user, (ctx) => assertPeriodOpen(ctx, '2026-10-15', 'documentDate'));
    await expect(locked).rejects.toMatchObject({ error: { code: 'locked_period', key: 'errors.period_locked', field: 'documentDate', params: { month: '2026-10' } } });
    await expect(withCtx(app, user, (ctx) => assertPeriodOpen(ctx, '2026-11-01'))).resolves.toBeUndefined();
    const year = await app.call(owner, 'periods.list', { year: 2026 });
    expect(year).toHaveLength(12);
    expect(year[9]).toMatchObject({ month: '2026-10', locked: true, lockedBy: 'Ilze Kalniņa' });
    await app.call(owner, 'periods.unlock', { month: '2026-10' });
    await expect(withCtx(app, user, (ctx) => assertPeriodOpen(ctx, '2026-10-15'))).resolves.toBeUndefined();
    const actions = (await app.call(owner, 'audit.list', { module: 'periods' })).rows.map((r) => r.action);
    expect(actions).toEqual(['unlock', 'lock']);
  });
});
