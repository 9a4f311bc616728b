import { describe, expect, it } from 'vitest';
import { AppError } from '../../api/errors';
import { PHONE_RATE, readWav, resample, resampleAsync, toInt16, wavToPhonePcm, writeWav } from './index';
import { dB, makeWav, middle, pitch, rms, tone, type WavSpec } from './testing/signals';

const SECOND = 1;

function refusal(buf: Buffer): string {
  try {
    wavToPhonePcm(buf);
  } catch (e) {
    if (e instanceof AppError) return e.error.key;
    throw e;
  }
  throw new Error('accepted');
}

describe('reading WAV files', () => {
  const formats: [string, WavSpec][] = [
    ['8-bit unsigned PCM', { code: 1, bits: 8, rate: 44100 }],
    ['16-bit PCM', { code: 1, bits: 16, rate: 44100 }],
    ['24-bit PCM', { code: 1, bits: 24, rate: 48000 }],
    ['32-bit PCM', { code: 1, bits: 32, rate: 96000 }],
    ['32-bit float', { code: 3, bits: 32, rate: 22050 }],
    ['64-bit float', { code: 3, bits: 64, rate: 16000 }],
    ['μ-law', { code: 7, bits: 8, rate: 8000 }],
    ['A-law', { code: 6, bits: 8, rate: 11025 }],
    ['16-bit PCM at an odd rate (no common divisor with 8 kHz)', { code: 1, bits: 16, rate: 44101 }],
    ['extensible 24-bit', { code: 1, bits: 24, rate: 44100, extensible: true }],
    ['extensible float', { code: 3, bits: 32, rate: 32000, extensible: true }],
  ];

  it.each(formats)('%s: a 1 kHz tone at half scale comes out at 8 kHz with its pitch and level', (_name, spec) => {
    const pcm = wavToPhonePcm(makeWav(spec, [tone(1000, spec.rate, SECOND, 0.5)]));
    expect(pcm.length).toBe(PHONE_RATE * SECOND);
    const mid = middle(pcm);
    expect(pitch(mid, PHONE_RATE)).toBeCloseTo(1000, 0);
    // 8-bit and G.711 carry their own quantisation noise; the level stays within 0.2 dB of the input's.
    expect(Math.abs(dB(rms(mid) / (0.5 / Math.SQRT2)))).toBeLessThan(0.2);
  });

  it('reads the samples exactly where no conversion is needed (16-bit, 8 kHz)', () => {
    const pcm = new Int16Array([0, 1, -1, 32767, -32768, 1234, -4321]);
    expect(Array.from(wavToPhonePcm(writeWav(pcm)))).toEqual(Array.from(pcm));
  });

  it('mixes stereo into mono: the two sides averaged', () => {
    const left = tone(1000, 44100, SECOND, 0.6);
    const right = tone(1000, 44100, SECOND, 0.2);
    const audio = readWav(makeWav({ code: 1, bits: 16, rate: 44100 }, [left, right]));
    expect(audio.channels).toHaveLength(2);
    const pcm = wavToPhonePcm(makeWav({ code: 1, bits: 16, rate: 44100 }, [left, right]));
    expect(Math.abs(dB(rms(middle(pcm)) / (0.4 / Math.SQRT2)))).toBeLessThan(0.1);
    // Opposite sides cancel: mono, not one channel picked.
    const cancel = wavToPhonePcm(makeWav({ code: 1, bits: 16, rate: 44100 }, [left, left.map((x) => -x)]));
    expect(rms(cancel)).toBeLessThan(1e-4);
  });

  it('refuses what it cannot read, with a translated reason', () => {
    expect(refusal(Buffer.from('ID3\x03 not a wave at all', 'latin1'))).toBe('prompts.errors.notWav');
    expect(refusal(Buffer.alloc(0))).toBe('prompts.errors.notWav');
    const t = tone(1000, 8000, 0.1, 0.5);
    expect(refusal(makeWav({ code: 2, bits: 16, rate: 8000 }, [t]))).toBe('prompts.errors.wavFormat'); // MS ADPCM
    expect(refusal(makeWav({ code: 1, bits: 12, rate: 8000 }, [t]))).toBe('prompts.errors.wavFormat');
    expect(refusal(makeWav({ code: 1, bits: 16, rate: 8000 }, [t, t, t]))).toBe('prompts.errors.wavChannels');
    expect(refusal(makeWav({ code: 1, bits: 16, rate: 8000 }, [new Float64Array(0)]))).toBe('prompts.errors.noAudio');
  });

  it('reads a file whose data chunk claims more than was written (a recorder stopped early)', () => {
    const wav = makeWav({ code: 1, bits: 16, rate: 8000 }, [tone(1000, 8000, 0.5, 0.5)]);
    expect(wavToPhonePcm(wav.subarray(0, wav.length - 1000)).length).toBe(4000 - 500);
  });
});

describe('resampling to 8 kHz', () => {
  /** Level of a tone after 44.1 kHz → 8 kHz, relative to what went in. */
  const gainAt = (freq: number, inRate = 44100) => {
    const out = resample(Float32Array.from(tone(freq, inRate, SECOND, 0.5)), inRate, PHONE_RATE);
    return dB(rms(middle(out), 1) / (0.5 / Math.SQRT2));
  };

  it('passes the telephone band (300–3400 Hz) flat within 0.1 dB', () => {
    for (const f of [300, 1000, 2000, 3000, 3400]) expect(Math.abs(gainAt(f)), `${f} Hz`).toBeLessThan(0.1);
  });

  it('removes what would fold back: a 5 kHz tone (3 kHz once aliased) is at least 70 dB down, 4.5 kHz too', () => {
    expect(gainAt(5000)).toBeLessThan(-70);
    expect(gainAt(4500)).toBeLessThan(-70);
    expect(gainAt(5000, 48000)).toBeLessThan(-70);
    expect(gainAt(12000, 22050)).toBeLessThan(-70);
  });

  it('upsamples a 6 kHz recording without changing its pitch or level', () => {
    const out = resample(Float32Array.from(tone(1000, 6000, SECOND, 0.5)), 6000, PHONE_RATE);
    expect(out.length).toBe(PHONE_RATE);
    expect(pitch(middle(out), PHONE_RATE)).toBeCloseTo(1000, 0);
    expect(Math.abs(dB(rms(middle(out), 1) / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
  });

  it('the asynchronous form gives the same samples and lets other work run every few milliseconds', async () => {
    const input = Float32Array.from(tone(1000, 44100, 10, 0.5));
    let done = false;
    let turns = 0;
    const other = () => {
      turns++;
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    const out = await resampleAsync(input, 44100, PHONE_RATE);
    done = true;
    expect(out).toEqual(resample(input, 44100, PHONE_RATE));
    // 80,000 samples out, a turn for others at least every 2,000.
    expect(turns).toBeGreaterThanOrEqual(39);
  });

  it('clips at full scale instead of wrapping round', () => {
    expect(Array.from(toInt16(Float32Array.from([1.5, -1.5, 0.5])))).toEqual([32767, -32768, 16384]);
  });

  it('writes a WAV a browser plays: 8 kHz mono 16-bit PCM, read back the same', () => {
    const pcm = toInt16(resample(Float32Array.from(tone(440, 8000, 0.25, 0.3)), 8000, 8000));
    const wav = writeWav(pcm);
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const back = readWav(wav);
    expect(back.sampleRate).toBe(8000);
    expect(back.channels).toHaveLength(1);
    expect(wav.length).toBe(44 + pcm.length * 2);
  });
});
