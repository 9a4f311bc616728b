import { describe, expect, it } from 'vitest';
import { mayReceive } from '../api/events';
import { noticeFor } from './notices';

const warning = (over: Record<string, unknown> = {}) => ({
  name: 'interventions.warning',
  orgId: 'org-1',
  branchIds: ['riga'],
  payload: { count: 3, first: { interventionId: '019a0000-0000-7000-8000-000000000001', kind: 'overdue', number: 'RIX-000042', client: 'Anna Ozola' }, ...over },
});

describe('OS notifications of the desktop app', () => {
  it('tell of new warnings in the window user’s language', () => {
    expect(noticeFor(warning(), 'en')).toEqual({ title: 'New warnings: 3', body: 'RIX-000042 Anna Ozola — Past its scheduled end, not finalized' });
    expect(noticeFor(warning(), 'lv')).toEqual({ title: 'Jauni brīdinājumi: 3', body: 'RIX-000042 Anna Ozola — Plānotās beigas pagājušas, nav pabeigts' });
    expect(noticeFor(warning({ first: { interventionId: '019a0000-0000-7000-8000-000000000001', kind: 'unallocated', number: null, client: 'Anna Ozola' } }), 'ro')!.body).toBe('Anna Ozola — Nealocată la timp');
  });

  it('say nothing of other events, or of a payload that is not a warning', () => {
    expect(noticeFor({ name: 'interventions.changed', orgId: 'org-1', payload: { ids: [] } }, 'en')).toBeNull();
    expect(noticeFor({ ...warning(), payload: { count: 'many' } }, 'en')).toBeNull();
  });

  it('reach only those who may hear the event: its organization, the module’s read right, its branch', () => {
    const e = { ...warning(), name: 'interventions.warning' as const };
    expect(mayReceive({ id: 'd', orgId: 'org-1', role: 'dispatcher', branchIds: ['riga'] }, e)).toBe(true);
    expect(mayReceive({ id: 'd', orgId: 'org-1', role: 'dispatcher', branchIds: ['yerevan'] }, e)).toBe(false);
    expect(mayReceive({ id: 'o', orgId: 'org-2', role: 'owner', branchIds: [] }, e)).toBe(false);
  });
});
