import { describe, expect, it } from 'vitest';
import { dtmfRelayKey, InfoDtmfReceiver, Rfc4733Receiver } from './dtmf';

const event = (digit: number, end: boolean, duration: number): Uint8Array => Uint8Array.from([digit, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]);

describe('key presses', () => {
  it('RFC 4733: one key per event, however many packets (updates and the triple end) it takes', () => {
    const keys: string[] = [];
    const rx = new Rfc4733Receiver((k) => keys.push(k));
    for (let d = 0; d < 7; d += 1) rx.receive(1, 23200, event(2, false, d * 320));
    for (let i = 0; i < 3; i += 1) rx.receive(1, 23200, event(2, true, 2240));
    rx.receive(1, 24800, event(1, false, 0));
    rx.receive(1, 24800, event(1, true, 800));
    expect(keys).toEqual(['2', '1']);
  });

  it('RFC 4733: a payload too short or beyond the 16 key events is ignored', () => {
    const keys: string[] = [];
    const rx = new Rfc4733Receiver((k) => keys.push(k));
    rx.receive(1, 1, Uint8Array.from([1, 0]));
    rx.receive(1, 2, event(40, false, 0));
    expect(keys).toEqual([]);
  });

  it('SIP INFO: dtmf-relay and dtmf bodies; a retransmission (same CSeq) counts once', () => {
    expect(dtmfRelayKey('application/dtmf-relay', 'Signal=1\r\nDuration=160\r\n')).toBe('1');
    expect(dtmfRelayKey('Application/DTMF-Relay; charset=x', 'Signal= #\r\n')).toBe('#');
    expect(dtmfRelayKey('application/dtmf', '2')).toBe('2');
    expect(dtmfRelayKey('text/plain', 'Signal=1')).toBeNull();
    const keys: string[] = [];
    const rx = new InfoDtmfReceiver((k) => keys.push(k));
    rx.receive('c1 1', 'application/dtmf-relay', 'Signal=2');
    rx.receive('c1 1', 'application/dtmf-relay', 'Signal=2');
    rx.receive('c1 2', 'application/dtmf-relay', 'Signal=2');
    expect(keys).toEqual(['2', '2']);
  });
});
