import { describe, expect, it } from 'vitest';
import { divRound, hoursMilli, invoiceTotals, lineNetMinor, milliText, minorToDecimal, rateText } from './amounts';
import { hourlyRate, linesForTasks, monthDays } from './lines';

/** A small seeded generator, so a failing case is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (max: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % max;
  };
}

describe('invoice amounts', () => {
  it('rounds half away from zero, exactly', () => {
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(4, 10)).toBe(0);
    expect(divRound(-5, 10)).toBe(-1);
    expect(divRound(1_234_567_890_123, 1000)).toBe(1_234_567_890);
    expect(lineNetMinor({ quantityMilli: 1500, unitPriceMinor: 3333 })).toBe(5000); // 49.995 → 50.00
    expect(hoursMilli(5400)).toBe(1500);
    expect(hoursMilli(1)).toBe(0);
    expect(hoursMilli(2)).toBe(1);
  });

  it('writes decimals as text without floats', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(700, 0)).toBe('700');
    expect(rateText(2100)).toBe('21');
    expect(rateText(550)).toBe('5.5');
    expect(rateText(0)).toBe('0');
    expect(milliText(1500)).toBe('1.5');
    expect(milliText(2000)).toBe('2');
  });

  it('takes VAT per rate on the sum of the rounded line nets (BR-CO-17), not per line', () => {
    // Three lines of 0.05 at 21 %: per line 0.01 each (0.03), on the sum 0.15 × 21 % = 0.0315 → 0.03; with 0.07 ×3: per line 0.01 each, on the sum 0.0441 → 0.04.
    const t = invoiceTotals([
      { netMinor: 7, vatBp: 2100 },
      { netMinor: 7, vatBp: 2100 },
      { netMinor: 7, vatBp: 2100 },
      { netMinor: 1000, vatBp: 0 },
    ]);
    expect(t.breakdown).toEqual([
      { category: 'S', vatBp: 2100, taxableMinor: 21, vatMinor: 4 },
      { category: 'Z', vatBp: 0, taxableMinor: 1000, vatMinor: 0 },
    ]);
    expect(t).toMatchObject({ lineNetMinor: 1021, taxExclusiveMinor: 1021, vatMinor: 4, taxInclusiveMinor: 1025, payableMinor: 1025 });
  });

  it('always reconciles: lines sum to the net, the breakdown to the net and the VAT, net plus VAT to the total (EN 16931 BR-CO-10..16)', () => {
    const next = rng(20261207);
    const rates = [0, 500, 550, 900, 1200, 2100, 2500];
    for (let run = 0; run < 3000; run += 1) {
      const n = 1 + next(40);
      const lines = Array.from({ length: n }, () => {
        const quantityMilli = 1 + next(200_000);
        const unitPriceMinor = next(500_000);
        const vatBp = rates[next(rates.length)]!;
        return { netMinor: lineNetMinor({ quantityMilli, unitPriceMinor }), vatBp };
      });
      const t = invoiceTotals(lines);
      const sum = lines.reduce((s, l) => s + l.netMinor, 0);
      expect(t.lineNetMinor).toBe(sum);
      expect(t.breakdown.reduce((s, b) => s + b.taxableMinor, 0)).toBe(t.taxExclusiveMinor);
      expect(t.breakdown.reduce((s, b) => s + b.vatMinor, 0)).toBe(t.vatMinor);
      expect(t.taxInclusiveMinor).toBe(t.taxExclusiveMinor + t.vatMinor);
      expect(t.payableMinor).toBe(t.taxInclusiveMinor);
      for (const b of t.breakdown) {
        expect(Number.isInteger(b.vatMinor)).toBe(true);
        // Within half a cent of the exact VAT of the category.
        expect(Math.abs(b.vatMinor - (b.taxableMinor * b.vatBp) / 10_000)).toBeLessThanOrEqual(0.5);
        expect(new Set(t.breakdown.map((x) => x.vatBp)).size).toBe(t.breakdown.length);
      }
    }
  });
});

describe('invoice lines', () => {
  it('prices time at the task type rate, else the employee rate, summing seconds per kind of work before rounding', () => {
    expect(hourlyRate(5000, 3000)).toBe(5000);
    expect(hourlyRate(null, 3000)).toBe(3000);
    expect(hourlyRate(null, null)).toBeNull();
    const tasks = [
      { id: 't1', clientId: 'c', number: 'UZ-1', subject: 'Boiler', typeName: 'Boiler service', typeRateMinor: 6000 },
      { id: 't2', clientId: 'c', number: 'UZ-2', subject: null, typeName: 'Repair', typeRateMinor: null },
      { id: 't3', clientId: 'c', number: 'UZ-3', subject: null, typeName: 'Boiler service', typeRateMinor: 6000 },
    ];
    const time = [
      // 1000 s + 800 s + 1 s on the same kind of work: 1801 s → 0.500 h (0.5003), not 0.278 + 0.222 + 0.000.
      { taskId: 't1', employeeId: 'e1', employeeName: 'Ona', employeeRateMinor: 3000, seconds: 1000 },
      { taskId: 't1', employeeId: 'e2', employeeName: 'Petras', employeeRateMinor: null, seconds: 800 },
      { taskId: 't3', employeeId: 'e1', employeeName: 'Ona', employeeRateMinor: 3000, seconds: 1 },
      { taskId: 't2', employeeId: 'e1', employeeName: 'Ona', employeeRateMinor: 3000, seconds: 3600 },
      { taskId: 't2', employeeId: 'e2', employeeName: 'Petras', employeeRateMinor: null, seconds: 1800 },
      { taskId: 'other', employeeId: 'e1', employeeName: 'Ona', employeeRateMinor: 3000, seconds: 9999 },
    ];
    const materials = [
      { id: 'm1', taskId: 't1', name: 'Valve', quantityMilli: 2000, unit: 'H87', unitPriceMinor: 1250, vatBp: null },
      { id: 'm2', taskId: 't3', name: 'Valve', quantityMilli: 1000, unit: 'H87', unitPriceMinor: 1250, vatBp: null },
      { id: 'm3', taskId: 't3', name: 'Valve', quantityMilli: 1000, unit: 'H87', unitPriceMinor: 1300, vatBp: 900 },
    ];
    const lines = linesForTasks(tasks, time, materials, 2100);
    expect(lines.map((l) => [l.kind, l.description, l.quantityMilli, l.unitPriceMinor, l.netMinor, l.vatBp, l.missingRate])).toEqual([
      ['time', 'Boiler service', 500, 6000, 3000, 2100, false],
      ['time', 'Ona', 1000, 3000, 3000, 2100, false],
      ['time', 'Petras', 500, 0, 0, 2100, true],
      ['material', 'Valve', 3000, 1250, 3750, 2100, false],
      ['material', 'Valve', 1000, 1300, 1300, 900, false],
    ]);
  });

  it('knows a month’s days', () => {
    expect(monthDays('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28', next: '2026-03-01' });
    expect(monthDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31', next: '2027-01-01' });
  });
});
