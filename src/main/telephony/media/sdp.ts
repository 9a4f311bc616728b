// The audio SDP we offer (RFC 4566 / 3264) and what we read back from the answer.
import type { G711Codec } from './g711';

export const TELEPHONE_EVENT_PT = 101;
const STATIC_PT: Record<G711Codec, number> = { PCMU: 0, PCMA: 8 };

export function buildOffer(input: { address: string; port: number; sessionId: number }): string {
  const ip = input.address.includes(':') ? 'IP6' : 'IP4';
  return [
    'v=0',
    `o=planora ${input.sessionId} ${input.sessionId} IN ${ip} ${input.address}`,
    's=planora',
    `c=IN ${ip} ${input.address}`,
    't=0 0',
    `m=audio ${input.port} RTP/AVP 0 8 ${TELEPHONE_EVENT_PT}`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    `a=rtpmap:${TELEPHONE_EVENT_PT} telephone-event/8000`,
    `a=fmtp:${TELEPHONE_EVENT_PT} 0-16`,
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

export interface RemoteAudio {
  address: string;
  port: number;
  codec: G711Codec;
  payloadType: number;
  /** The peer's telephone-event payload type (it may differ from ours), or null. */
  eventPayloadType: number | null;
}

/** The first G.711 format the answer lists wins (the answerer's preference order). */
export function parseAnswer(sdp: string): RemoteAudio | null {
  const lines = sdp.split(/\r?\n/);
  let sessionAddress: string | null = null;
  let mediaAddress: string | null = null;
  let port: number | null = null;
  let formats: number[] = [];
  const rtpmap = new Map<number, string>();
  let inAudio = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      inAudio = line.startsWith('m=audio ') && port === null;
      if (inAudio) {
        const parts = line.slice(2).split(' ');
        port = Number(parts[1]);
        formats = parts.slice(3).map(Number);
      }
    } else if (line.startsWith('c=')) {
      const address = line.split(' ')[2] ?? null;
      if (port === null) sessionAddress = address;
      else if (inAudio) mediaAddress = address;
    } else if (inAudio && line.startsWith('a=rtpmap:')) {
      const m = /^a=rtpmap:(\d+)\s+([^/]+)/.exec(line);
      if (m) rtpmap.set(Number(m[1]), m[2]!.toUpperCase());
    }
  }
  const address = mediaAddress ?? sessionAddress;
  if (!address || port === null || !Number.isInteger(port) || port <= 0) return null;
  const nameOf = (pt: number): string | undefined => rtpmap.get(pt) ?? (pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : undefined);
  const audioPt = formats.find((pt) => nameOf(pt) === 'PCMU' || nameOf(pt) === 'PCMA');
  if (audioPt === undefined) return null;
  const eventPt = formats.find((pt) => nameOf(pt) === 'TELEPHONE-EVENT');
  return {
    address,
    port,
    codec: nameOf(audioPt) as G711Codec,
    payloadType: audioPt ?? STATIC_PT.PCMU,
    eventPayloadType: eventPt ?? null,
  };
}
