import fs from 'node:fs';
import path from 'node:path';
import { readWav, toPhonePcm } from '../audio';
import { clipKeys, TEXTS } from './texts';

/** Clips read once per process: the same few hundred small files serve every call. */
const cache = new Map<string, Int16Array | null>();

/** A rendered clip as 8 kHz PCM, or null when the language has none of that name. */
export function loadClip(dir: string, lang: string, key: string): Int16Array | null {
  const file = path.join(dir, lang, `${key}.wav`);
  let pcm = cache.get(file);
  if (pcm === undefined) {
    pcm = fs.existsSync(file) ? toPhonePcm(readWav(fs.readFileSync(file))) : null;
    cache.set(file, pcm);
  }
  return pcm;
}

/** A language can carry the message when every clip its texts name was rendered. */
const complete = new Map<string, boolean>();
export function hasClips(dir: string, lang: string): boolean {
  const id = path.join(dir, lang);
  let ok = complete.get(id);
  if (ok === undefined) {
    const t = TEXTS[lang];
    ok = !!t && clipKeys(t).every((k) => fs.existsSync(path.join(id, `${k}.wav`)));
    complete.set(id, ok);
  }
  return ok;
}
