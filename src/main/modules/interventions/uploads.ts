import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../../api/errors';
import type { Clock } from '../../clock';
import type { CoreConfig } from '../../config';
import { newId } from '../../db/ids';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/api/interventions';

/** An upload not continued for this long is dropped with its file. */
const IDLE_MS = 60 * 60 * 1000;
const MB = 1024 * 1024;

interface Upload {
  userId: string;
  file: string;
  hash: Hash;
  size: number;
  touched: number;
}

export interface Received {
  /** The temporary file holding every byte, already on disk. */
  file: string;
  sha256: string;
  size: number;
}

export const tooBig = () => fail.validation('attachment_too_big', 'attachment', { max: ATTACHMENT_MAX_BYTES / MB });
const lost = () => fail.validation('upload_lost', 'attachment');

/**
 * Files arriving piece by piece (interventions.uploadChunk), kept in DATA/uploads until a timeline line takes
 * them. In memory on purpose: an upload cut by a restart is simply sent again.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {
    // Whatever a previous run left half-sent can never be finished now.
    fs.rmSync(dir, { recursive: true, force: true });
  }

  put(userId: string, uploadId: string | null | undefined, offset: number, bytes: Buffer): { uploadId: string; size: number } {
    this.sweep();
    let up = uploadId ? this.uploads.get(uploadId) : undefined;
    if (uploadId && (!up || up.userId !== userId)) throw lost();
    if (!up) {
      if (offset !== 0) throw lost();
      fs.mkdirSync(this.dir, { recursive: true });
      uploadId = newId(this.clock);
      up = { userId, file: path.join(this.dir, `${uploadId}.part`), hash: createHash('sha256'), size: 0, touched: this.clock.now() };
      fs.writeFileSync(up.file, '');
      this.uploads.set(uploadId, up);
    }
    if (offset !== up.size) {
      this.drop(uploadId!);
      throw lost();
    }
    if (up.size + bytes.length > ATTACHMENT_MAX_BYTES) {
      this.drop(uploadId!);
      throw tooBig();
    }
    fs.appendFileSync(up.file, bytes);
    up.hash.update(bytes);
    up.size += bytes.length;
    up.touched = this.clock.now();
    return { uploadId: uploadId!, size: up.size };
  }

  /** Hands the finished file over (once): it is the caller's to move or delete. */
  take(userId: string, uploadId: string): Received {
    const up = this.uploads.get(uploadId);
    if (!up || up.userId !== userId) throw lost();
    this.uploads.delete(uploadId);
    return { file: up.file, sha256: up.hash.digest('hex'), size: up.size };
  }

  private drop(uploadId: string): void {
    const up = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (up) fs.rmSync(up.file, { force: true });
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, up] of this.uploads) if (now - up.touched > IDLE_MS) this.drop(id);
  }
}

// One store per core (a core's config object lives as long as the core), without widening the dispatcher's context.
const stores = new WeakMap<CoreConfig, UploadStore>();

export function uploadsOf(config: CoreConfig, clock: Clock): UploadStore {
  let store = stores.get(config);
  if (!store) {
    store = new UploadStore(path.join(config.dataDir, 'uploads'), clock);
    stores.set(config, store);
  }
  return store;
}
