// Key presses from the two ways peers send them. Both arrive more than once by design
// (RFC 4733 repeats each event and sends its end three times; a retransmitted INFO looks new),
// so each source keeps what it has already reported.

const EVENT_KEYS = '0123456789*#ABCD';

/** RFC 4733 telephone-event payload → key, or null when the payload is no key event. */
export function rfc4733Key(payload: Uint8Array): string | null {
  if (payload.length < 4) return null;
  return EVENT_KEYS[payload[0]!] ?? null;
}

/** One event per RTP timestamp: every packet of one press (start, updates, ends) shares it. */
export class Rfc4733Receiver {
  private readonly seen = new Set<string>();

  constructor(private readonly onKey: (key: string) => void) {}

  receive(ssrc: number, timestamp: number, payload: Uint8Array): void {
    const key = rfc4733Key(payload);
    if (key === null) return;
    const id = `${ssrc}:${timestamp}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.onKey(key);
  }
}

/** `application/dtmf-relay` body ("Signal=1\r\nDuration=160") → key. */
export function dtmfRelayKey(contentType: string | undefined, body: string): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/dtmf-relay' && type !== 'application/dtmf') return null;
  const match = /signal\s*=\s*([0-9*#A-D])/i.exec(body) ?? (type === 'application/dtmf' ? /([0-9*#A-D])/i.exec(body) : null);
  return match ? match[1]!.toUpperCase() : null;
}

/** INFO retransmissions carry the same CSeq: report each CSeq once. */
export class InfoDtmfReceiver {
  private readonly seen = new Set<string>();

  constructor(private readonly onKey: (key: string) => void) {}

  receive(cseq: string, contentType: string | undefined, body: string): void {
    const key = dtmfRelayKey(contentType, body);
    if (key === null || this.seen.has(cseq)) return;
    this.seen.add(cseq);
    this.onKey(key);
  }
}
