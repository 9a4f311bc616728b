// RTP (RFC 3550) header writing and reading: only what a G.711 sender and an RFC 4733 receiver need.

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

const HEADER = 12;

export function writeRtp(p: RtpPacket): Buffer {
  const buf = Buffer.alloc(HEADER + p.payload.length);
  buf[0] = 0x80;
  buf[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  buf.writeUInt16BE(p.sequence & 0xffff, 2);
  buf.writeUInt32BE(p.timestamp >>> 0, 4);
  buf.writeUInt32BE(p.ssrc >>> 0, 8);
  buf.set(p.payload, HEADER);
  return buf;
}

export function readRtp(buf: Buffer): RtpPacket | null {
  if (buf.length < HEADER || (buf[0]! & 0xc0) !== 0x80) return null;
  const csrcCount = buf[0]! & 0x0f;
  let offset = HEADER + csrcCount * 4;
  if (buf[0]! & 0x10) {
    if (buf.length < offset + 4) return null;
    offset += 4 + buf.readUInt16BE(offset + 2) * 4;
  }
  let end = buf.length;
  if (buf[0]! & 0x20) end -= buf[buf.length - 1]!;
  if (end < offset) return null;
  return {
    payloadType: buf[1]! & 0x7f,
    marker: (buf[1]! & 0x80) !== 0,
    sequence: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
    payload: buf.subarray(offset, end),
  };
}
