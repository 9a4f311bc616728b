import { describe, expect, it } from 'vitest';
import { mergeUnderneath } from './underneath';

const FIELDS = ['notes', 'priority', 'zoneId', 'serial'];

describe('merging a version saved underneath', () => {
  it('keeps what was typed, takes their untouched changes, and names the fields both changed', () => {
    const base = { notes: 'Boiler', priority: 'medium', zoneId: null, serial: '' };
    const mine = { notes: 'Boiler leaks again', priority: 'medium', zoneId: 'z1', serial: '' };
    const theirs = { notes: 'Boiler, call first', priority: 'high', zoneId: 'z1', serial: '' };
    const m = mergeUnderneath(FIELDS, base, mine, theirs);
    expect(m.values).toEqual({ notes: 'Boiler leaks again', priority: 'high', zoneId: 'z1', serial: '' });
    expect(m.changed).toEqual(['notes', 'priority', 'zoneId']);
    // The zone was set to the same value on both sides: nothing to choose.
    expect(m.conflicts).toEqual(['notes']);
  });

  it('takes empty text and no choice as the same, and leaves fields outside the list to their version', () => {
    const base = { notes: '', priority: 'low', zoneId: null, serial: null, timeZone: 'Europe/Riga' };
    const mine = { notes: null, priority: 'low', zoneId: null, serial: '', timeZone: 'Europe/Riga' };
    const theirs = { notes: '', priority: 'low', zoneId: null, serial: null, timeZone: 'Asia/Yerevan' };
    const m = mergeUnderneath(FIELDS, base, mine, theirs);
    expect(m).toEqual({ values: theirs, changed: [], conflicts: [] });
  });
});
