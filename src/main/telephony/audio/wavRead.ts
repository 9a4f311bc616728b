import { AppError } from '../../api/errors';
import { alawToLinear, ulawToLinear } from './g711';

/** A decoded recording: each channel's samples as floats in [-1, 1]. */
export interface Audio {
  sampleRate: number;
  channels: Float32Array[];
}

const PCM = 1;
const FLOAT = 3;
const ALAW = 6;
const ULAW = 7;
const EXTENSIBLE = 0xfffe;

/** A refusal the person who uploaded the file can read: a translated key, never a parser's message. */
export function audioError(reason: string, params?: Record<string, string | number>): AppError {
  return new AppError({ code: 'validation', key: `prompts.errors.${reason}`, field: 'file', ...(params ? { params } : {}) });
}

interface Format {
  code: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign: number;
}

/**
 * Reads a RIFF WAVE file: integer PCM of 8, 16, 24 or 32 bits, 32/64-bit float, G.711 μ-law or A-law, mono or
 * stereo, any rate; WAVE_FORMAT_EXTENSIBLE is read by its sub-format. Anything else is refused with a reason.
 */
export function readWav(buf: Uint8Array): Audio {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (at: number) => String.fromCharCode(buf[at]!, buf[at + 1]!, buf[at + 2]!, buf[at + 3]!);
  if (buf.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw audioError('notWav');
  let fmt: Format | null = null;
  let data: Uint8Array | null = null;
  for (let at = 12; at + 8 <= buf.byteLength; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    // A writer that stopped early (or streamed with a size it never fixed) leaves the data chunk's size too large: read what is there.
    const end = Math.min(body + size, buf.byteLength);
    if (id === 'fmt ') fmt = readFormat(view, body, end - body);
    else if (id === 'data') data = buf.subarray(body, end);
    if (fmt && data) break;
    at = body + size + (size & 1);
  }
  if (!fmt) throw audioError('notWav');
  if (!data) throw audioError('noAudio');
  checkFormat(fmt);
  const frames = Math.floor(data.byteLength / fmt.blockAlign);
  if (frames === 0) throw audioError('noAudio');
  return { sampleRate: fmt.sampleRate, channels: decode(fmt, new DataView(data.buffer, data.byteOffset, data.byteLength), frames) };
}

function readFormat(view: DataView, at: number, size: number): Format {
  if (size < 16) throw audioError('notWav');
  let code = view.getUint16(at, true);
  const bits = view.getUint16(at + 14, true);
  // The extensible header names the real format in the first two bytes of its sub-format GUID.
  if (code === EXTENSIBLE && size >= 26) code = view.getUint16(at + 24, true);
  return { code, channels: view.getUint16(at + 2, true), sampleRate: view.getUint32(at + 4, true), bits, blockAlign: view.getUint16(at + 12, true) };
}

function checkFormat(f: Format): void {
  const known =
    (f.code === PCM && [8, 16, 24, 32].includes(f.bits)) ||
    (f.code === FLOAT && (f.bits === 32 || f.bits === 64)) ||
    ((f.code === ALAW || f.code === ULAW) && f.bits === 8);
  if (!known) throw audioError('wavFormat', { format: f.code, bits: f.bits });
  if (f.channels < 1 || f.channels > 2) throw audioError('wavChannels', { channels: f.channels });
  if (f.sampleRate < 4000 || f.sampleRate > 384000) throw audioError('wavRate', { rate: f.sampleRate });
  if (f.blockAlign < (f.bits / 8) * f.channels) throw audioError('notWav');
}

function sampleReader(f: Format, view: DataView): (at: number) => number {
  switch (f.code) {
    case FLOAT:
      return f.bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
    case ALAW:
      return (at) => alawToLinear(view.getUint8(at)) / 32768;
    case ULAW:
      return (at) => ulawToLinear(view.getUint8(at)) / 32768;
  }
  switch (f.bits) {
    case 8: // the only unsigned width
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((view.getInt8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at)) / 8388608;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

function decode(f: Format, view: DataView, frames: number): Float32Array[] {
  const read = sampleReader(f, view);
  const width = f.bits / 8;
  const out = Array.from({ length: f.channels }, () => new Float32Array(frames));
  for (let c = 0; c < f.channels; c++) {
    const ch = out[c]!;
    for (let i = 0, at = c * width; i < frames; i++, at += f.blockAlign) ch[i] = read(at);
  }
  return out;
}
