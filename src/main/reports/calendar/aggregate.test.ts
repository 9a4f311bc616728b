import { describe, expect, it } from 'vitest';
import { dailyListOf, noShowsOf, unpaidOf, utilisationOf, visitsBySource, type VisitFact } from './aggregate';

const U1 = '00000000-0000-7000-8000-0000000000a1';
const U2 = '00000000-0000-7000-8000-0000000000a2';
const B = '00000000-0000-7000-8000-0000000000b1';
const C1 = '00000000-0000-7000-8000-0000000000c1';
const C2 = '00000000-0000-7000-8000-0000000000c2';
const GOOGLE = '00000000-0000-7000-8000-0000000000d1';
const SMS = '00000000-0000-7000-8000-0000000000d2';

let n = 0;
function visit(over: Partial<VisitFact>): VisitFact {
  n++;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'visit',
    branchId: B,
    userId: U1,
    userName: 'Ona Petraitė',
    clientId: C1,
    clientName: 'Jonas Jonaitis',
    clientPhone: '+37060000001',
    serviceName: 'Consultation',
    sourceId: null,
    sourceName: null,
    start: '2026-03-02T08:00:00.000Z',
    end: '2026-03-02T08:30:00.000Z',
    status: 'arrived',
    firstConsultation: false,
    asap: false,
    notes: null,
    currency: 'EUR',
    totalMinor: 0,
    paidMinor: 0,
    timeZone: 'Europe/Vilnius',
    ...over,
  };
}

/** Ten rows: 7 counted visits, 2 cancelled, 1 break. */
const FACTS: VisitFact[] = [
  visit({ sourceId: GOOGLE, sourceName: 'Google ads', status: 'arrived', totalMinor: 4000, paidMinor: 4000 }),
  visit({ sourceId: GOOGLE, sourceName: 'Google ads', status: 'no_show', clientId: C2, clientName: 'Asta Kazlauskienė', start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z', totalMinor: 6000 }),
  visit({ sourceId: GOOGLE, sourceName: 'Google ads', status: 'no_show', clientId: C2, clientName: 'Asta Kazlauskienė', userId: U2, userName: 'Rūta Vaitkienė', totalMinor: 2500, paidMinor: 1000 }),
  visit({ sourceId: SMS, sourceName: 'SMS campaign', status: 'arrived', userId: U2, userName: 'Rūta Vaitkienė', start: '2026-03-03T07:00:00.000Z', end: '2026-03-03T07:45:00.000Z' }),
  visit({ sourceId: SMS, sourceName: 'SMS campaign', status: 'no_show' }),
  visit({ status: 'booked', start: '2026-03-02T07:00:00.000Z', end: '2026-03-02T07:20:00.000Z', asap: true, firstConsultation: true, notes: 'Bring X-ray', totalMinor: 1500, currency: 'EUR' }),
  visit({ status: 'booked', userId: U2, userName: 'Rūta Vaitkienė', totalMinor: 700, paidMinor: 0, currency: 'USD' }),
  visit({ status: 'cancelled', sourceId: SMS, sourceName: 'SMS campaign', totalMinor: 9900 }),
  visit({ status: 'cancelled', sourceId: GOOGLE, sourceName: 'Google ads', userId: U2, userName: 'Rūta Vaitkienė' }),
  visit({ kind: 'break', status: 'booked', clientId: null, clientName: null, clientPhone: null, serviceName: null, start: '2026-03-02T10:00:00.000Z', end: '2026-03-02T10:15:00.000Z' }),
];

describe('calendar reports on known visits', () => {
  it('counts visits by source with shares, leaving out cancelled visits and breaks; no source last among equals', () => {
    const { rows, total } = visitsBySource(FACTS);
    expect(total).toBe(7);
    expect(rows.map((r) => [r.sourceName, r.count])).toEqual([
      ['Google ads', 3],
      ['SMS campaign', 2],
      [null, 2],
    ]);
    expect(rows[0]!.share).toBeCloseTo(3 / 7, 10);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 10);
  });

  it('rates no-shows by client and by employee over visits whose attendance was marked, worst first', () => {
    const r = noShowsOf(FACTS);
    // Marked: arrived ×2, no_show ×3 (booked, cancelled and the break are not).
    expect(r.decided).toBe(5);
    expect(r.noShows).toBe(3);
    // Asta: 2 of 2; Jonas: 1 (the SMS no-show) of 3 (the Google visit and Rūta's SMS visit arrived).
    expect(r.byClient.map((c) => [c.name, c.noShows, c.decided, c.rate])).toEqual([
      ['Asta Kazlauskienė', 2, 2, 1],
      ['Jonas Jonaitis', 1, 3, 1 / 3],
    ]);
    // Ona: arrived, no_show, no_show → 2 of 3; Rūta: no_show, arrived → 1 of 2.
    expect(r.byEmployee.map((e) => [e.name, e.noShows, e.decided])).toEqual([
      ['Ona Petraitė', 2, 3],
      ['Rūta Vaitkienė', 1, 2],
    ]);
    expect(r.byEmployee[0]!.rate).toBeCloseTo(2 / 3, 10);
  });

  it('sets booked minutes against working minutes per employee; hours without visits at 0, visits without hours unrated', () => {
    const rows = utilisationOf(
      FACTS,
      [
        { userId: U1, userName: 'Ona Petraitė', branchId: B, branchName: 'Vilnius', workingMin: 600 },
        { userId: '00000000-0000-7000-8000-0000000000a3', userName: 'Aldona Idle', branchId: B, branchName: 'Vilnius', workingMin: 480 },
      ],
      new Map([[B, 'Vilnius']]),
    );
    // Ona: 30 + 60 + 30 (SMS no-show) + 20 (booked) = 140 of 600. Rūta: 30 + 45 + 30 = 105, no hours.
    expect(rows.map((r) => [r.userName, r.bookedMin, r.workingMin, r.visits, r.rate])).toEqual([
      ['Aldona Idle', 0, 480, 0, 0],
      ['Ona Petraitė', 140, 600, 4, 140 / 600],
      ['Rūta Vaitkienė', 105, 0, 3, null],
    ]);
  });

  it('lists visits not paid in full, oldest first, with what is due per currency; cancelled ones owe nothing', () => {
    const { rows, due } = unpaidOf(FACTS);
    expect(rows.map((r) => [r.fact.start, r.fact.totalMinor, r.dueMinor])).toEqual([
      ['2026-03-02T07:00:00.000Z', 1500, 1500],
      ['2026-03-02T08:00:00.000Z', 2500, 1500],
      ['2026-03-02T08:00:00.000Z', 700, 700],
      ['2026-03-02T09:00:00.000Z', 6000, 6000],
    ]);
    expect(due).toEqual([
      { currency: 'EUR', minor: 9000 },
      { currency: 'USD', minor: 700 },
    ]);
  });

  it('gives each employee their day in time order with breaks, without cancelled visits', () => {
    const day = dailyListOf(FACTS.filter((f) => f.start.startsWith('2026-03-02')));
    expect(day.map((d) => d.userName)).toEqual(['Ona Petraitė', 'Rūta Vaitkienė']);
    const ona = day[0]!;
    expect(ona.lines.map((l) => [l.start.slice(11, 16), l.kind, l.status])).toEqual([
      ['07:00', 'visit', 'booked'],
      ['08:00', 'visit', 'arrived'],
      ['08:00', 'visit', 'no_show'],
      ['09:00', 'visit', 'no_show'],
      ['10:00', 'break', 'booked'],
    ]);
    expect(ona.lines[0]).toMatchObject({ firstConsultation: true, asap: true, notes: 'Bring X-ray' });
    // 20 + 30 + 30 + 60; the break's 15 minutes are not booked time.
    expect(ona.bookedMin).toBe(140);
  });
});
