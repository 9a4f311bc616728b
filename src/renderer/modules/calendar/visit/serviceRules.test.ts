import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { servicesFor, withMainService } from './serviceRules';

const svc = (id: string, name: string, performerIds: string[], active = true): ServiceRow => ({
  id,
  branchId: 'b',
  name,
  durationMin: 30,
  priceMinor: 2500,
  currency: 'EUR',
  colour: '#1971c2',
  performerIds,
  active,
  version: 1,
});

describe('services offered on a visit', () => {
  const list = [svc('a', 'Massage', ['u2']), svc('b', 'Consultation', ['u1']), svc('c', 'Acupuncture', []), svc('d', 'Old', ['u1'], false)];

  it('lists what the employee performs first, then the rest, each by name, inactive ones only when already chosen', () => {
    expect(servicesFor(list, 'u1').map((s) => [s.row.id, s.performs])).toEqual([
      ['b', true],
      ['c', false],
      ['a', false],
    ]);
    expect(servicesFor(list, 'u1', 'd').map((s) => s.row.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it("puts the main service's line in place of the previous one and keeps the others", () => {
    const product = { kind: 'product' as const, serviceId: null, productId: 'p', name: 'Cream', quantity: 1, priceMinor: 900 };
    const first = withMainService([product], null, list[1]!);
    expect(first.map((l) => l.name)).toEqual(['Consultation', 'Cream']);
    expect(first[0]).toMatchObject({ kind: 'service', serviceId: 'b', quantity: 1, priceMinor: 2500 });
    expect(withMainService(first, 'b', list[0]!).map((l) => l.name)).toEqual(['Massage', 'Cream']);
    expect(withMainService(first, 'b', null).map((l) => l.name)).toEqual(['Cream']);
  });

  it('does not add a service twice', () => {
    const lines = withMainService([], null, list[0]!);
    expect(withMainService(lines, null, list[0]!)).toHaveLength(1);
  });
});
