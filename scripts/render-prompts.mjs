#!/usr/bin/env node
// Renders the reminder-call clips into resources/prompts/<lng>/*.wav (8 kHz, mono, 16-bit PCM) from the texts in
// src/main/telephony/prompts/texts.json, with espeak-ng and sox (Debian: apt-get install espeak-ng sox).
// Run by hand after changing a text or the synthesizer, then commit the clips:
//   node scripts/render-prompts.mjs [lng...]
// Never run by the build or the tests: the app ships the rendered clips, not the synthesizer.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const texts = JSON.parse(fs.readFileSync(path.join(root, 'src/main/telephony/prompts/texts.json'), 'utf8'));
const out = path.join(root, 'resources/prompts');
/** Words a minute: a little slower than espeak-ng's 175, for a telephone line. */
const SPEED = '150';

/** Every clip of a language: file name (without .wav) → text. Must match clipKeys in src/main/telephony/prompts/texts.ts. */
function clipsOf(t) {
  const clips = { ...t.phrases };
  t.weekdays.forEach((s, i) => (clips[`weekday_${i + 1}`] = s));
  t.months.forEach((s, i) => (clips[`month_${i + 1}`] = s));
  t.days.forEach((s, i) => (clips[`day_${i + 1}`] = s));
  t.hours.forEach((s, h) => (clips[`hour_${h}`] = s));
  (t.hoursAlone ?? []).forEach((s, h) => (clips[`hour_alone_${h}`] = s));
  t.minutes.forEach((s, m) => s && (clips[`minute_${m}`] = s));
  return clips;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prompts-'));
const chosen = process.argv.slice(2);
let bytes = 0;
try {
  for (const [lng, t] of Object.entries(texts)) {
    if (chosen.length && !chosen.includes(lng)) continue;
    const dir = path.join(out, lng);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const clips = clipsOf(t);
    for (const [key, text] of Object.entries(clips)) {
      const raw = path.join(tmp, `${lng}-${key}.wav`);
      const file = path.join(dir, `${key}.wav`);
      execFileSync('espeak-ng', ['-v', t.voice, '-s', SPEED, '-w', raw, text]);
      // Trim the synthesizer's silence at both ends (the message puts its own pauses between clips), then
      // lower by 2 dB (espeak-ng's loudest vowels reach full scale) and resample with sox's high-quality low-pass to
      // 8 kHz, mono, 16-bit. -R: the same dither every run, so re-rendering unchanged texts changes no file.
      execFileSync('sox', ['-R', raw, '-b', '16', '-c', '1', '-e', 'signed-integer', file,
        'silence', '1', '0.01', '0.3%', 'reverse', 'silence', '1', '0.01', '0.3%', 'reverse',
        'gain', '-2', 'rate', '-v', '8000']);
      bytes += fs.statSync(file).size;
    }
    console.log(`${lng}: ${Object.keys(clips).length} clips (voice ${t.voice})`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${(bytes / 1024 / 1024).toFixed(2)} MB written to ${path.relative(root, out)}`);
