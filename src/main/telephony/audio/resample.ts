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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Above this many phases (rates with no small common divisor) the kernel is read from the table at each tap instead. */
const MAX_PHASES = 4096;

/** Output samples computed between two yields of the asynchronous form: about 5 ms of work. */
const SLICE = 2000;

/** The resampler as slices of work: yields between slices, returns the samples. */
function* resampling(input: Float32Array, inRate: number, outRate: number): Generator<void, Float32Array> {
  const t = kernelTable();
  // Cut-off in cycles per input sample; the kernel's zero crossings fall every 1/(2·fc) input samples.
  const zerosPerSample = (CUTOFF * Math.min(inRate, outRate)) / inRate;
  const reach = Math.ceil(ZEROS / zerosPerSample);
  const kernel = (distance: number) => {
    const pos = Math.abs(distance) * zerosPerSample * STEPS;
    const i = Math.floor(pos);
    return i >= t.length - 1 ? 0 : (t[i]! + (t[i + 1]! - t[i]!) * (pos - i)) * zerosPerSample;
  };
  const g = gcd(inRate, outRate);
  const phases = outRate / g;
  const step = inRate / g;
  const taps = 2 * reach;
  // Output n sits at input position n·step/phases: whole part `base`, fraction (n·step mod phases)/phases.
  const coeffs = phases <= MAX_PHASES ? new Float64Array(phases * taps) : null;
  if (coeffs) for (let p = 0; p < phases; p++) for (let j = 0; j < taps; j++) coeffs[p * taps + j] = kernel(j - reach + 1 - p / phases);
  const out = new Float32Array(Math.floor((input.length * outRate) / inRate));
  for (let n = 0; n < out.length; n++) {
    if (n % SLICE === SLICE - 1) yield;
    const base = Math.floor((n * step) / phases);
    const phase = (n * step) % phases;
    const first = base - reach + 1;
    const from = Math.max(0, first);
    const to = Math.min(input.length, first + taps);
    let acc = 0;
    if (coeffs) {
      const row = phase * taps - first;
      for (let k = from; k < to; k++) acc += input[k]! * coeffs[row + k]!;
    } else {
      const centre = base + phase / phases;
      for (let k = from; k < to; k++) acc += input[k]! * kernel(k - centre);
    }
    out[n] = acc;
  }
  return out;
}

/**
 * Band-limited resampling of float samples from `inRate` to `outRate`, any ratio. Where the ratio is a small fraction
 * (44.1 kHz → 8 kHz: 80 phases) each phase's taps are computed once.
 */
export function resample(input: Float32Array, inRate: number, outRate: number): Float32Array {
  if (inRate === outRate) return input;
  const work = resampling(input, inRate, outRate);
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
  }
}

/**
 * The same, handing the thread back every few milliseconds: the core that converts an upload is also the one
 * pacing the calls' 20 ms audio packets.
 */
export async function resampleAsync(input: Float32Array, inRate: number, outRate: number): Promise<Float32Array> {
  if (inRate === outRate) return input;
  const work = resampling(input, inRate, outRate);
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
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

export async function toPhonePcmAsync(audio: Audio): Promise<Int16Array> {
  return toInt16(await resampleAsync(toMono(audio), audio.sampleRate, PHONE_RATE));
}
