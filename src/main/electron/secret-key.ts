import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import { KEY_BYTES, SecretError, createFileExclusive, osKeyFileText, plainKeyFileText, readKeyFile, replaceFile } from '../secrets';

/**
 * The desktop app's secrets key: 32 random bytes made once, kept in userData/secret.key wrapped by the
 * OS key store (DPAPI on Windows, so only this Windows account on this computer can open it).
 * Call after the app is ready.
 */
export async function loadDesktopKey(file: string, log: (msg: string) => void): Promise<Buffer> {
  const osStore = await osKeyStoreAvailable();
  for (;;) {
    const found = readKeyFile(file);
    if (found?.kind === 'os') return unwrap(found.wrapped, file);
    if (found?.kind === 'plain') {
      // Made by web mode on this data folder: adopt it (old secrets stay readable) and wrap it from now on.
      if (osStore) replaceFile(file, osKeyFileText(await wrap(found.key)));
      return found.key;
    }
    const key = randomBytes(KEY_BYTES);
    if (!osStore) log('no OS key store: the secrets key is kept in a file only this user can read');
    if (createFileExclusive(file, osStore ? osKeyFileText(await wrap(key)) : plainKeyFileText(key))) return key;
  }
}

// The asynchronous calls: the synchronous ones are deprecated in Electron 45 and block the main process on the key store.
async function osKeyStoreAvailable(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  // Linux without a keyring "encrypts" with a fixed password: a 0600 file is as good and says what it is.
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

const wrap = (key: Buffer) => safeStorage.encryptStringAsync(key.toString('base64'));

async function unwrap(wrapped: Buffer, file: string): Promise<Buffer> {
  let key: Buffer;
  let rewrap = false;
  try {
    const opened = await safeStorage.decryptStringAsync(wrapped);
    key = Buffer.from(opened.result, 'base64');
    rewrap = opened.shouldReEncrypt;
  } catch {
    throw new SecretError(
      `The secrets key ${file} was made by another user account or computer and cannot be opened here. ` +
        'Saved mail, phone and SMS passwords are lost with it: move the file away, start Planora and enter them again.',
    );
  }
  if (key.length !== KEY_BYTES) throw new SecretError(`The secrets key ${file} is damaged.`);
  // The OS store rotated its own key: wrap ours again so the file keeps opening after the old one is gone.
  if (rewrap) replaceFile(file, osKeyFileText(await wrap(key)));
  return key;
}
