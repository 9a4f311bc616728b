import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * One-time codes are typed by a person on the branch's computer: Crockford's base-32 alphabet (no I, L, O, U), in
 * groups of four, read back case- and dash-insensitively with the look-alikes folded (O → 0, I/L → 1). 16 symbols
 * are 80 bits: with an expiry, single use and a rate limit on redeeming, guessing is hopeless.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

export function newCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

export function normalizeCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Codes and keys are stored only as hashes: a copy of the database lets no one register or sync. */
export const codeHash = (typed: string) => sha256(`code:${normalizeCode(typed)}`);
export const keyHash = (key: string) => sha256(`key:${key}`);

/** A device key: 256 random bits, sent as `Authorization: Bearer <key>`. */
export function newDeviceKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A phone link's token: 256 random bits in the URL; the hub keeps only its hash. */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');
export const linkHash = (token: string) => sha256(`link:${token}`);
