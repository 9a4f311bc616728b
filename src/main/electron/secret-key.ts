import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import { KEY_BYTES, SecretError, createFileExclusive, osKeyFileText, plainKeyFileText, readKeyFile, replaceFile } from '../secrets';

/**
 * The desktop app's secrets key: 32 random bytes made once, kept in userData/secret.key wrapped by the
 * OS key store (DPAPI on Windows, so only this Windows account on this computer can open it).
 * Call after the app is ready.
 */
export function loadDesktopKey(file: string, log: (msg: string) => void): Buffer {
  const osStore = osKeyStoreAvailable();
  for (;;) {
    const found = readKeyFile(file);
    if (found?.kind === 'os') return unwrap(found.wrapped, file);
    if (found?.kind === 'plain') {
      // Made by web mode on this data folder: adopt it (old secrets stay readable) and wrap it from now on.
      if (osStore) replaceFile(file, osKeyFileText(wrap(found.key)));
      return found.key;
    }
    const key = randomBytes(KEY_BYTES);
    if (!osStore) log('no OS key store: the secrets key is kept in a file only this user can read');
    if (createFileExclusive(file, osStore ? osKeyFileText(wrap(key)) : plainKeyFileText(key))) return key;
  }
}

function osKeyStoreAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Linux without a keyring "encrypts" with a fixed password: a 0600 file is as good and says what it is.
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

const wrap = (key: Buffer) => safeStorage.encryptString(key.toString('base64'));

function unwrap(wrapped: Buffer, file: string): Buffer {
  let key: Buffer;
  try {
    key = Buffer.from(safeStorage.decryptString(wrapped), 'base64');
  } catch {
    throw new SecretError(
      `The secrets key ${file} was made by another user account or computer and cannot be opened here. ` +
        'Saved mail, phone and SMS passwords are lost with it: move the file away, start Planora and enter them again.',
    );
  }
  if (key.length !== KEY_BYTES) throw new SecretError(`The secrets key ${file} is damaged.`);
  return key;
}
