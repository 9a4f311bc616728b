/** Test signals and measurements for the audio code: tones written as WAV files of every kind, level and pitch read back. */

export interface WavSpec {
  /** 1 PCM, 3 float, 6 A-law, 7 μ-law, or anything else to see it refused. */
  code: number;
  bits: number;
  rate: number;
  extensible?: boolean;
}

export function tone(freq: number, rate: number, seconds: number, amplitude: number): Float64Array {
  const out = new Float64Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

function ulawEncode(x: number): number {
  let s = Math.round(x);
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(s, 32635) + 0x84;
  let exp = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exp > 0; exp--, mask >>= 1);
  return ~(sign | (exp << 4) | ((s >> (exp + 3)) & 0x0f)) & 0xff;
}

function alawEncode(x: number): number {
  let s = Math.round(x);
  const sign = s >= 0 ? 0x80 : 0;
  if (!sign) s = -s;
  s = Math.min(s, 32767);
  let exp = 0;
  let mant = (s >> 4) & 0x0f;
  if (s >= 256) {
    exp = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exp > 1; exp--, mask >>= 1);
    mant = (s >> (exp + 3)) & 0x0f;
  }
  return (sign | (exp << 4) | mant) ^ 0x55;
}

function writeSample(view: DataView, at: number, spec: WavSpec, x: number): void {
  if (spec.code === 3) return spec.bits === 32 ? view.setFloat32(at, x, true) : view.setFloat64(at, x, true);
  if (spec.code === 7) return view.setUint8(at, ulawEncode(x * 32768));
  if (spec.code === 6) return view.setUint8(at, alawEncode(x * 32768));
  const full = 2 ** (spec.bits - 1);
  const v = Math.max(-full, Math.min(full - 1, Math.round(x * full)));
  if (spec.bits === 8) view.setUint8(at, v + 128);
  else if (spec.bits <= 16) view.setInt16(at, v, true);
  else if (spec.bits === 24) {
    view.setUint8(at, v & 0xff);
    view.setUint8(at + 1, (v >> 8) & 0xff);
    view.setInt8(at + 2, v >> 16);
  } else view.setInt32(at, v, true);
}

/** A WAV file in the given format; an extra "LIST" chunk before the audio, as editors write, must be skipped. */
export function makeWav(spec: WavSpec, channels: Float64Array[]): Buffer {
  const width = Math.ceil(spec.bits / 8);
  const block = width * channels.length;
  const frames = channels[0]!.length;
  const fmtSize = spec.extensible ? 40 : 16;
  const list = Buffer.from('LIST\x05\x00\x00\x00INFOx\x00', 'latin1'); // odd size: padded
  const head = 12 + 8 + fmtSize + list.length;
  const buf = Buffer.alloc(head + 8 + frames * block);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf.write('RIFF', 0, 'latin1');
  view.setUint32(4, buf.length - 8, true);
  buf.write('WAVEfmt ', 8, 'latin1');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, spec.extensible ? 0xfffe : spec.code, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, spec.rate, true);
  view.setUint32(28, spec.rate * block, true);
  view.setUint16(32, block, true);
  view.setUint16(34, spec.bits, true);
  if (spec.extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, spec.bits, true);
    view.setUint16(44, spec.code, true); // sub-format GUID's first two bytes
  }
  list.copy(buf, 20 + fmtSize);
  buf.write('data', head, 'latin1');
  view.setUint32(head + 4, frames * block, true);
  for (let i = 0; i < frames; i++) channels.forEach((ch, c) => writeSample(view, head + 8 + i * block + c * width, spec, ch[i]!));
  return buf;
}

/** The middle of a signal, away from the filter's run-in and run-out at the edges. */
export function middle<T extends Int16Array | Float32Array>(pcm: T, share = 0.6): T {
  const cut = Math.floor((pcm.length * (1 - share)) / 2);
  return pcm.subarray(cut, pcm.length - cut) as T;
}

/** Root mean square, full scale = 1. */
export function rms(pcm: Int16Array | Float32Array, fullScale = 32768): number {
  let sum = 0;
  for (const s of pcm) sum += (s / fullScale) ** 2;
  return Math.sqrt(sum / pcm.length);
}

/** Frequency by counting upward zero crossings, interpolated between samples. */
export function pitch(pcm: Int16Array | Float32Array, rate: number): number {
  const ups: number[] = [];
  for (let i = 1; i < pcm.length; i++) if (pcm[i - 1]! < 0 && pcm[i]! >= 0) ups.push(i - 1 + pcm[i - 1]! / (pcm[i - 1]! - pcm[i]!));
  return ((ups.length - 1) * rate) / (ups.at(-1)! - ups[0]!);
}

export const dB = (ratio: number) => 20 * Math.log10(ratio);
