import { toPhonePcm } from './resample';
import { readWav } from './wavRead';

export { readWav, audioError, type Audio } from './wavRead';
export { PHONE_RATE, resample, resampleAsync, toMono, toInt16, toPhonePcm, toPhonePcmAsync } from './resample';
export { writeWav } from './wavWrite';

/** A WAV file of any supported format and rate as 8 kHz mono 16-bit PCM; a translated refusal otherwise. */
export function wavToPhonePcm(buf: Uint8Array): Int16Array {
  return toPhonePcm(readWav(buf));
}
