import { describe, expect, it } from 'vitest';
import { type Booking, CONFLICT_COLUMNS, divergedField, doubleBookings, hlcNode, isConflictColumn } from './conflicts';
import { formatHlc, nodeOf } from './hlc';

const A = nodeOf('01a241a3-22a0-760d-bf88-d77457c9db65');
const B = nodeOf('01a241d8-3c60-722c-b6cc-d3ca7370b92b');
const T = Date.parse('2026-12-06T22:00:00.000Z');
const at = (ms: number, node = A) => formatHlc({ millis: T + ms, counter: 0, node });

const book = (id: string, start: string, end: string, more: Partial<Booking> = {}): Booking => ({
  id,
  staffId: 'anna',
  start: `2026-12-07T${start}:00.000Z`,
  end: `2026-12-07T${end}:00.000Z`,
  active: true,
  branchId: 'rix',
  ...more,
});

describe('double bookings', () => {
  it('two branches booking one person into one slot: one pair', () => {
    expect(doubleBookings([book('b', '09:00', '10:00', { branchId: 'evn' }), book('a', '09:30', '10:30')])).toEqual([['a', 'b']]);
  });

  it('both bookings cancelled (or one of them): none', () => {
    expect(doubleBookings([book('a', '09:00', '10:00', { active: false }), book('b', '09:00', '10:00', { active: false })])).toEqual([]);
    expect(doubleBookings([book('a', '09:00', '10:00'), book('b', '09:00', '10:00', { active: false })])).toEqual([]);
  });

  it('touching ends: none', () => {
    expect(doubleBookings([book('a', '09:00', '10:00'), book('b', '10:00', '11:00'), book('c', '08:00', '09:00')])).toEqual([]);
  });

  it('different staff, or nobody: none', () => {
    expect(doubleBookings([book('a', '09:00', '10:00'), book('b', '09:00', '10:00', { staffId: 'ben' })])).toEqual([]);
    expect(doubleBookings([book('a', '09:00', '10:00', { staffId: null }), book('b', '09:00', '10:00', { staffId: null })])).toEqual([]);
  });

  it('three overlapping: three pairs', () => {
    expect(doubleBookings([book('c', '09:30', '10:15'), book('a', '09:00', '11:00'), book('b', '10:00', '12:00')])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });

  it('a long booking overlapping two that follow each other: two pairs, not the neighbours', () => {
    expect(doubleBookings([book('long', '09:00', '12:00'), book('x', '09:00', '10:00'), book('y', '10:00', '11:00')])).toEqual([
      ['long', 'x'],
      ['long', 'y'],
    ]);
  });

  it('lists the same pairs in the same order whatever order the replica read them in', () => {
    const list = [book('d', '13:00', '14:00'), book('c', '13:30', '15:00'), book('b', '09:00', '10:00'), book('a', '09:59', '10:01'), book('e', '09:00', '10:00', { staffId: 'ben' })];
    const expected = [['a', 'b'], ['c', 'd']];
    expect(doubleBookings(list)).toEqual(expected);
    expect(doubleBookings([...list].reverse())).toEqual(expected);
  });
});

describe('diverged fields', () => {
  it('a local edit not yet acknowledged and another device\'s edit of the same field: diverged', () => {
    expect(divergedField({ hlc: at(1), pending: true }, { hlc: at(2, B) })).toBe(true);
    // Whichever stamp is later: both sides changed it without seeing the other.
    expect(divergedField({ hlc: at(3), pending: true }, { hlc: at(2, B) })).toBe(true);
  });

  it('the same node: not diverged (its own edit coming back)', () => {
    expect(divergedField({ hlc: at(1), pending: true }, { hlc: at(2) })).toBe(false);
  });

  it('acknowledged: not diverged (the other side had it before writing)', () => {
    expect(divergedField({ hlc: at(1), pending: false }, { hlc: at(2, B) })).toBe(false);
  });

  it('never written here: not diverged', () => {
    expect(divergedField(null, { hlc: at(2, B) })).toBe(false);
  });

  it('both sides wrote the same value: not diverged; different values given: diverged', () => {
    expect(divergedField({ hlc: at(1), pending: true, value: 'cancelled' }, { hlc: at(2, B), value: 'cancelled' })).toBe(false);
    expect(divergedField({ hlc: at(1), pending: true, value: 'cancelled' }, { hlc: at(2, B), value: 'arrived' })).toBe(true);
    expect(divergedField({ hlc: at(1), pending: true, value: null }, { hlc: at(2, B), value: null })).toBe(false);
  });

  it('reads the writing device from the end of a stamp', () => {
    expect(hlcNode(at(7, B))).toBe(B);
  });
});

describe('which columns raise a conflict', () => {
  it("a visit's time, person and status; an intervention's status and allocation; the rest merges", () => {
    expect(['starts_at', 'ends_at', 'user_id', 'status'].every((c) => isConflictColumn('visit', c))).toBe(true);
    expect(['status', 'taken_by_id', 'responsible_id', 'start_at', 'end_at'].every((c) => isConflictColumn('intervention', c))).toBe(true);
    expect(isConflictColumn('visit', 'notes')).toBe(false);
    expect(isConflictColumn('intervention', 'notes')).toBe(false);
    expect(isConflictColumn('client', 'name')).toBe(false);
    expect(isConflictColumn('visit', 'toString')).toBe(false);
    expect(isConflictColumn('constructor', 'name')).toBe(false);
  });

  it('names only tables and columns the database has', async () => {
    // Read from the migrations' type map, so a renamed column cannot leave a rule that never fires.
    const { readFile } = await import('node:fs/promises');
    const schema = await readFile(new URL('../../main/db/schema.ts', import.meta.url), 'utf8');
    const interfaceOf: Record<string, string> = { visit: 'VisitTable', intervention: 'InterventionTable' };
    for (const [table, columns] of Object.entries(CONFLICT_COLUMNS)) {
      const name = interfaceOf[table];
      expect(name, table).toBeDefined();
      const body = new RegExp(`interface ${name} extends Synced \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
      for (const c of columns) expect(body, `${table}.${c}`).toMatch(new RegExp(`\\n\\s+${c}: `));
    }
  });
});
