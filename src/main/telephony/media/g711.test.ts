import { describe, expect, it } from 'vitest';
import { alawToLinear, encodeG711, linearToAlaw, linearToMulaw, mulawToLinear } from './g711';

describe('G.711 encoders', () => {
  it('code the G.711 fixed points: silence, full scale and the sign bit', () => {
    expect([linearToMulaw(0), linearToMulaw(32767), linearToMulaw(-32768)]).toEqual([0xff, 0x80, 0x00]);
    expect([linearToAlaw(0), linearToAlaw(32767), linearToAlaw(-32768)]).toEqual([0xd5, 0xaa, 0x2a]);
    // μ-law flips the sign bit only; A-law also inverts the even bits (0x55) of both signs.
    for (const s of [100, 1000, 10000]) expect(linearToMulaw(s) ^ linearToMulaw(-s)).toBe(0x80);
  });

  it('decode back within one quantization step of the segment', () => {
    for (let s = -32768; s <= 32767; s += 7) {
      const step = Math.max(16, 2 ** (Math.floor(Math.log2(Math.max(1, Math.abs(s)))) - 3));
      expect(Math.abs(mulawToLinear(linearToMulaw(s)) - s)).toBeLessThanOrEqual(step * 1.5);
      expect(Math.abs(alawToLinear(linearToAlaw(s)) - s)).toBeLessThanOrEqual(step * 1.5);
    }
  });

  it('encodes a whole frame with the chosen law', () => {
    const pcm = Int16Array.from([0, 1000, -1000]);
    expect([...encodeG711(pcm, 'PCMU')]).toEqual([0xff, 0xce, 0x4e]);
    expect([...encodeG711(pcm, 'PCMA')]).toEqual([0xd5, 0xfa, 0x7a]);
  });
});
