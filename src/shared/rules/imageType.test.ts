import { describe, expect, it } from 'vitest';
import { imageTypeOf } from './imageType';

describe('imageTypeOf', () => {
  it('knows JPEG, PNG and WebP by their first bytes, whatever the name or claimed type', () => {
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageTypeOf(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
  });

  it('refuses anything else: GIF, SVG, HTML, a RIFF that is a WAV, a cut-off header, nothing', () => {
    for (const bytes of [Buffer.from('GIF89a'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('<html>'), Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]), Buffer.from([0xff, 0xd8]), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(0)]) {
      expect(imageTypeOf(bytes)).toBeNull();
    }
  });
});
