import type { Audio } from './wavRead';

/** The telephone's rate: G.711 carries 8,000 samples a second. */
export const PHONE_RATE = 8000;

/**
 * Windowed-sinc low-pass, Kaiser window (β 7.86 ≈ 80 dB stop band), 32 zero crossings each side: at 8 kHz the pass
 * band reaches 3.4 kHz (the telephone's) and content from 4 kHz up, which would fold back as audible whistles, is
 * removed before decimation. The kernel is tabulated once and read with linear interpolation.
 */
const ZEROS = 32;
const BETA = 7.857;
const STEPS = 512; // table points per zero crossing
/** Cut-off as a share of the lower rate's Nyquist frequency: 3.7 kHz at 8 kHz. */
const CUTOFF = 0.925;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

let table: Float64Array | null = null;
/** sinc(z)·kaiser(z / ZEROS) for z in [0, ZEROS], z in zero crossings. */
function kernelTable(): Float64Array {
  if (table) return table;
  const t = new Float64Array(ZEROS * STEPS + 2);
  const norm = besselI0(BETA);
  for (let i = 0; i < t.length; i++) {
    const z = i / STEPS;
    const r = z / ZEROS;
    const win = r >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - r * r)) / norm;
    t[i] = (z === 0 ? 1 : Math.sin(Math.PI * z) / (Math.PI * z)) * win;
  }
  return (table = t);
}

/** Channels averaged into one (a stereo recording's two sides are the same voice). */
export function toMono(audio: Audio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (rest.length === 0) return first!;
  const out = new Float32Array(first!.length);
  for (let i = 0; i < out.length; i++) {
    let s = first![i]!;
    for (const ch of rest) s += ch[i]!;
    out[i] = s / audio.channels.length;
  }
  return out;
}

/** Band-limited resampling of float samples from `inRate` to `outRate`, any ratio. */
export function resample(input: Float32Array, inRate: number, outRate: number): Float32Array {
  if (inRate === outRate) return input;
  const t = kernelTable();
  const ratio = inRate / outRate;
  // Cut-off in cycles per input sample; zero crossings of the kernel fall every 1/(2·fc) input samples.
  const fc = (CUTOFF * Math.min(inRate, outRate)) / 2 / inRate;
  const zerosPerSample = 2 * fc;
  const reach = ZEROS / zerosPerSample;
  const out = new Float32Array(Math.floor((input.length * outRate) / inRate));
  for (let n = 0; n < out.length; n++) {
    const centre = n * ratio;
    const from = Math.max(0, Math.ceil(centre - reach));
    const to = Math.min(input.length - 1, Math.floor(centre + reach));
    let acc = 0;
    for (let k = from; k <= to; k++) {
      const pos = Math.abs(k - centre) * zerosPerSample * STEPS;
      const i = Math.floor(pos);
      const f = pos - i;
      acc += input[k]! * (t[i]! + (t[i + 1]! - t[i]!) * f);
    }
    out[n] = acc * zerosPerSample;
  }
  return out;
}

/** Floats to 16-bit PCM, rounded, clipped at full scale. */
export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
  return out;
}

/** Any decoded recording as the telephone plays it: 8 kHz, mono, 16-bit. */
export function toPhonePcm(audio: Audio): Int16Array {
  return toInt16(resample(toMono(audio), audio.sampleRate, PHONE_RATE));
}
