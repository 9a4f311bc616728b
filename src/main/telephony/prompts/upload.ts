import { audioError, PHONE_RATE, readWav, toPhonePcm, toPhonePcmAsync, wavToPhonePcm, writeWav, type Audio } from '../audio';

/** A phrase longer than this is not a phrase (a whole message, or the wrong file). */
export const MAX_RECORDING_SECONDS = 30;
/** A file may be longer than its phrase by the silence around it, not by minutes: refused before any conversion. */
const MAX_FILE_SECONDS = 2 * MAX_RECORDING_SECONDS;
/** Quieter than -40 dBFS counts as silence when trimming the ends of a recording. */
const QUIET = 328;
/** Kept either side of the voice, so the first and last sounds are not clipped. */
const MARGIN = PHONE_RATE / 50; // 20 ms

/** Leading and trailing silence cut off: the message puts its own pauses between phrases. */
export function trimSilence(pcm: Int16Array): Int16Array {
  let from = 0;
  while (from < pcm.length && Math.abs(pcm[from]!) < QUIET) from++;
  if (from === pcm.length) return new Int16Array(0);
  let to = pcm.length;
  while (to > from && Math.abs(pcm[to - 1]!) < QUIET) to--;
  return pcm.slice(Math.max(0, from - MARGIN), Math.min(pcm.length, to + MARGIN));
}

function decodeUpload(buffer: Uint8Array): Audio {
  const audio = readWav(buffer);
  if (audio.channels[0]!.length > MAX_FILE_SECONDS * audio.sampleRate) throw audioError('tooLong', { seconds: MAX_RECORDING_SECONDS });
  return audio;
}

function trimmedPhrase(converted: Int16Array): Int16Array {
  const pcm = trimSilence(converted);
  if (pcm.length === 0) throw audioError('silent');
  if (pcm.length > MAX_RECORDING_SECONDS * PHONE_RATE) throw audioError('tooLong', { seconds: MAX_RECORDING_SECONDS });
  return pcm;
}

/**
 * An organization's recording of a phrase (a WAV file of any supported format and rate) as the telephone plays it:
 * 8 kHz mono 16-bit, silence trimmed. Refused, with a translated reason, when it is no WAV we read, silent or too long.
 */
export function convertUpload(buffer: Uint8Array): Int16Array {
  return trimmedPhrase(toPhonePcm(decodeUpload(buffer)));
}

/**
 * The same, letting other work run while it converts (a minute of 44.1 kHz audio is a few hundred milliseconds of
 * filtering): what a handler in the core should call, since calls in progress need their packets every 20 ms.
 */
export async function convertUploadAsync(buffer: Uint8Array): Promise<Int16Array> {
  return trimmedPhrase(await toPhonePcmAsync(decodeUpload(buffer)));
}

/** PCM as a WAV file: for the browser's "play", and the form a converted recording is best stored in (a BLOB). */
export function toWav(pcm: Int16Array): Buffer {
  return writeWav(pcm, PHONE_RATE);
}

/** A stored recording (what toWav wrote) back as PCM for visitMessage's recordings. */
export function fromStoredWav(buf: Uint8Array): Int16Array {
  return wavToPhonePcm(buf);
}
