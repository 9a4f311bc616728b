import { PHONE_RATE } from './resample';

/** A 16-bit mono PCM WAV file (what a browser's <audio> plays, and what the prompt clips are stored as). */
export function writeWav(pcm: Int16Array, sampleRate = PHONE_RATE): Buffer {
  const bytes = pcm.length * 2;
  const out = Buffer.alloc(44 + bytes);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + bytes, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(bytes, 40);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, 44 + i * 2);
  return out;
}
