import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { draftValues, toInput } from './visitValues';

const draft = { userId: '01a24c0a-7ff2-76b7-8ba4-57d45aa4eb2d', branchId: '019fae8f-80c0-7199-ac6f-3e1b25098634', clientId: '01a24c0a-7f01-7265-bc44-2ec1bf73b265', start: '2026-03-29T08:30:00.000Z' };

describe('visit form values', () => {
  it("shows a slot on the branch's clock and sends it back as the same instant, across a clock change", () => {
    // 2026-03-29: Rīga moves from +02:00 to +03:00 at 03:00; 08:30Z is 11:30 on its clock.
    const v = draftValues(draft, 'Europe/Riga');
    expect(v.start).toBe('2026-03-29T11:30');
    expect(v.durationMin).toBe(30);
    expect(toInput(v).start).toBe('2026-03-29T08:30:00.000Z');
  });

  it('sends what the contract takes: trimmed notes, lines in minor units, the branch of a new visit', () => {
    const v = { ...draftValues(draft, 'Europe/Riga'), notes: '  bring the X-ray  ', lines: [{ kind: 'product' as const, serviceId: null, productId: null, name: ' Cream ', quantity: 2 as const, priceMinor: 1250 }] };
    const input = toInput(v);
    expect(api['visits.book'].input.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({ notes: 'bring the X-ray', branchId: draft.branchId, lines: [{ name: 'Cream', quantity: 2, priceMinor: 1250 }] });
  });

  it('lets the contract name a time that is not one and a blank duration', () => {
    const parsed = api['visits.book'].input.safeParse(toInput({ ...draftValues(draft, 'Europe/Riga'), start: '!31.02 25:00', durationMin: '' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0]).sort()).toEqual(['durationMin', 'start']);
  });
});
