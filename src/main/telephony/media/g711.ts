// G.711 encoders (ITU-T G.711) from 16-bit linear PCM, the segment form used by sox and most PBXs.

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

function segmentOf(value: number): number {
  // Position of the highest set bit above bit 7, capped at 7: the G.711 "segment".
  let seg = 0;
  for (let v = value >> 8; v > 0 && seg < 7; v >>= 1) seg += 1;
  return seg;
}

export function linearToMulaw(sample: number): number {
  let s = sample | 0;
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  const seg = segmentOf(s >> 0);
  const mantissa = (s >> (seg + 3)) & 0x0f;
  return ~(sign | (seg << 4) | mantissa) & 0xff;
}

export function linearToAlaw(sample: number): number {
  let s = sample | 0;
  let mask: number;
  if (s >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    s = -s - 1;
  }
  if (s > 32767) s = 32767;
  let aval: number;
  if (s < 256) {
    aval = s >> 4;
  } else {
    const seg = segmentOf(s);
    aval = (seg << 4) | ((s >> (seg + 3)) & 0x0f);
  }
  return (aval ^ mask) & 0xff;
}

export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  let t = ((u & 0x0f) << 3) + MULAW_BIAS;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? MULAW_BIAS - t : t - MULAW_BIAS;
}

export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

export type G711Codec = 'PCMU' | 'PCMA';

export function encodeG711(pcm: Int16Array, codec: G711Codec): Uint8Array {
  const out = new Uint8Array(pcm.length);
  const encode = codec === 'PCMU' ? linearToMulaw : linearToAlaw;
  for (let i = 0; i < pcm.length; i += 1) out[i] = encode(pcm[i] ?? 0);
  return out;
}
