import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * Secrets at rest (SMTP, SIP, SMS credentials): AES-256-GCM under one key per data folder.
 * The key lives beside the database: protected by the OS key store in the desktop app
 * (src/main/electron/secret-key.ts), a 0600 file in web mode (loadOrCreateKeyFile).
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12; // the size GCM is specified for; other sizes are hashed into one
const TAG_BYTES = 16;
const VERSION = 'v1';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new SecretError(`a secret key has ${KEY_BYTES} bytes, not ${key.length}`);
    this.#key = Buffer.from(key);
  }

  /** Seals a value; it never gets the same output twice. */
  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /**
   * `context` (e.g. "smtp.password:<orgId>") must match the one used to seal: a sealed value copied into
   * another field or organization then fails instead of being silently used there.
   */
  decrypt(sealed: string, context = ''): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretError('not a sealed secret (expected v1:iv:tag:ciphertext)');
    const iv = Buffer.from(parts[1]!, 'base64');
    const tag = Buffer.from(parts[2]!, 'base64');
    const body = Buffer.from(parts[3]!, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretError('not a sealed secret (bad iv or tag length)');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError('the secret cannot be opened: wrong key, wrong context or altered data');
    }
  }

  static isSealed(value: string): boolean {
    return /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/.test(value);
  }
}

// The version is authenticated too, so a future format cannot be confused with this one.
const aad = (context: string) => Buffer.from(`planora:${VERSION}:${context}`, 'utf8');

// ---- key files ----

const PLAIN_PREFIX = 'planora-key:v1:';
/** Written by the desktop app: the key wrapped by the OS key store (DPAPI on Windows). */
const OS_PREFIX = 'planora-key:os:v1:';

export type KeyFile = { kind: 'plain'; key: Buffer } | { kind: 'os'; wrapped: Buffer };

export const plainKeyFileText = (key: Uint8Array) => `${PLAIN_PREFIX}${Buffer.from(key).toString('base64')}\n`;
export const osKeyFileText = (wrapped: Uint8Array) => `${OS_PREFIX}${Buffer.from(wrapped).toString('base64')}\n`;

/** Null when there is no key file yet; throws on a damaged one rather than quietly making a new key. */
export function readKeyFile(file: string): KeyFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (text.startsWith(OS_PREFIX)) return { kind: 'os', wrapped: Buffer.from(text.slice(OS_PREFIX.length), 'base64') };
  if (text.startsWith(PLAIN_PREFIX)) {
    const key = Buffer.from(text.slice(PLAIN_PREFIX.length), 'base64');
    if (key.length === KEY_BYTES) return { kind: 'plain', key };
  }
  throw new SecretError(`${file} is not a Planora key file; move it away only if no secrets were saved with it`);
}

/**
 * Creates `file` with `text`, readable by its owner only, all at once or not at all.
 * False when the file already exists (another process won the race: use its key).
 */
export function createFileExclusive(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    const fd = fs.openSync(tmp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    try {
      // link() fails if the name exists, so two first starts cannot both win with different keys.
      fs.linkSync(tmp, file);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      // No hard links on this file system (FAT, some shares): exclusive create is the next best thing.
      try {
        fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Replaces an existing key file in one step (used when the desktop app wraps a web-mode key). */
export function replaceFile(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
}

/**
 * The desktop app wraps the key with the OS key store (DPAPI on Windows), which only Electron's safeStorage opens:
 * plain Node cannot. Web mode then runs on the same folder without it: everything but stored passwords works.
 */
export class SecretsLockedError extends SecretError {
  constructor(public readonly file: string) {
    super(`${file} is protected by the desktop app's OS key store, which web mode cannot open`);
    this.name = 'SecretsLockedError';
  }
}

/** The key for web mode, or null when the desktop app keeps it in the OS key store (see SecretsLockedError). */
export function webModeKey(file: string): Buffer | null {
  try {
    return loadOrCreateKeyFile(file);
  } catch (e) {
    if (e instanceof SecretsLockedError) return null;
    throw e;
  }
}

/** Web mode's key: a 0600 file in the data folder, made on first start. */
export function loadOrCreateKeyFile(file: string): Buffer {
  for (;;) {
    const found = readKeyFile(file);
    if (found?.kind === 'plain') {
      // A key readable by other local users protects nothing: tighten it where the OS has modes.
      if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return found.key;
    }
    if (found?.kind === 'os') throw new SecretsLockedError(file);
    const key = randomBytes(KEY_BYTES);
    if (createFileExclusive(file, plainKeyFileText(key))) return key;
  }
}
