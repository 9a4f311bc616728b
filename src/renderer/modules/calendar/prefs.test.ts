import { describe, expect, it } from 'vitest';
import { readPrefs } from './prefs';

describe('the calendar\'s remembered choices', () => {
  it('come back as saved, and a damaged or foreign entry falls back part by part', () => {
    const saved = { view: 'side', branchId: 'b1', userIds: ['u1', 'u2'], serviceId: null, showCancelled: true };
    expect(readPrefs(JSON.stringify(saved))).toEqual(saved);
    expect(readPrefs(null)).toEqual({ view: 'week', branchId: null, userIds: [], serviceId: null, showCancelled: false });
    expect(readPrefs('{not json')).toEqual(readPrefs(null));
    expect(readPrefs(JSON.stringify({ view: 'year', userIds: ['u1', 7], showCancelled: 'yes' }))).toEqual({ ...readPrefs(null), userIds: ['u1'] });
  });
});
