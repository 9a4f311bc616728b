import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_BYTES, SecretBox, SecretError, createFileExclusive, loadOrCreateKeyFile, osKeyFileText, readKeyFile } from './secrets';

const key = () => randomBytes(KEY_BYTES);

describe('SecretBox', () => {
  it('round-trips text, including non-ASCII and empty strings', () => {
    const box = new SecretBox(key());
    for (const value of ['smtp-pa$$word', 'Ābele ķirsis ŗ — Երևան', '']) {
      const sealed = box.encrypt(value, 'smtp.password');
      expect(sealed).toMatch(/^v1:[^:]+:[^:]+:[^:]*$/);
      if (value) expect(sealed).not.toContain(value);
      expect(SecretBox.isSealed(sealed)).toBe(true);
      expect(box.decrypt(sealed, 'smtp.password')).toBe(value);
    }
  });

  it('never gives the same output twice for the same value', () => {
    const box = new SecretBox(key());
    const a = box.encrypt('same');
    const b = box.encrypt('same');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('detects any change to the iv, tag or ciphertext', () => {
    const box = new SecretBox(key());
    const sealed = box.encrypt('sip-secret');
    const [v, iv, tag, body] = sealed.split(':') as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64');
    };
    for (const tampered of [[v, flip(iv), tag, body], [v, iv, flip(tag), body], [v, iv, tag, flip(body)]]) {
      expect(() => box.decrypt(tampered.join(':'))).toThrow(SecretError);
    }
  });

  it('fails with another key or another context', () => {
    const sealed = new SecretBox(key()).encrypt('gateway-token', 'sms.token:org-1');
    expect(() => new SecretBox(key()).decrypt(sealed, 'sms.token:org-1')).toThrow(/wrong key/);
    const box = new SecretBox(key());
    const mine = box.encrypt('gateway-token', 'sms.token:org-1');
    expect(() => box.decrypt(mine, 'sms.token:org-2')).toThrow(SecretError);
  });

  it('refuses malformed input and keys of the wrong size', () => {
    const box = new SecretBox(key());
    expect(() => box.decrypt('plain text')).toThrow(/not a sealed secret/);
    expect(() => box.decrypt('v2:a:b:c')).toThrow(/not a sealed secret/);
    expect(SecretBox.isSealed('hunter2')).toBe(false);
    expect(() => new SecretBox(randomBytes(16))).toThrow(SecretError);
  });
});

describe('key files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a 32-byte key once, readable by its owner only, and returns it again later', () => {
    const file = path.join(dir, 'secret.key');
    const first = loadOrCreateKeyFile(file);
    expect(first).toHaveLength(KEY_BYTES);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file).equals(first)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['secret.key']); // no temporary files left behind
    const sealed = new SecretBox(first).encrypt('kept');
    expect(new SecretBox(loadOrCreateKeyFile(file)).decrypt(sealed)).toBe('kept');
  });

  it('tightens a key file that others can read', () => {
    const file = path.join(dir, 'secret.key');
    const k = loadOrCreateKeyFile(file);
    fs.chmodSync(file, 0o644);
    expect(loadOrCreateKeyFile(file).equals(k)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never replaces an existing file, so a second starter adopts the first key', () => {
    const file = path.join(dir, 'secret.key');
    expect(createFileExclusive(file, 'first')).toBe(true);
    expect(createFileExclusive(file, 'second')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
  });

  it('refuses a damaged key file instead of making a new key that cannot open old secrets', () => {
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, 'garbage');
    expect(() => loadOrCreateKeyFile(file)).toThrow(/not a Planora key file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('garbage');
  });

  it('recognises a key wrapped by the desktop app and says web mode cannot open it', () => {
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, osKeyFileText(Buffer.from('wrapped-by-dpapi')));
    expect(readKeyFile(file)).toEqual({ kind: 'os', wrapped: Buffer.from('wrapped-by-dpapi') });
    expect(() => loadOrCreateKeyFile(file)).toThrow(/OS key store/);
  });
});
