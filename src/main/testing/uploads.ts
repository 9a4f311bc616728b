import { UPLOAD_CHUNK_BYTES } from '../../shared/api/interventions';
import type { ApiResult } from '../../shared/api/errors';

type Caller = (name: 'interventions.uploadChunk', input: { uploadId?: string; offset: number; data: string }) => Promise<ApiResult<{ uploadId: string; size: number }>>;

/** Sends bytes the way the renderer does (pieces of UPLOAD_CHUNK_BYTES through interventions.uploadChunk); the last answer tells. */
export async function sendUpload(call: Caller, bytes: Buffer): Promise<ApiResult<{ uploadId: string; size: number }>> {
  let uploadId: string | undefined;
  let offset = 0;
  for (;;) {
    const piece = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    const r = await call('interventions.uploadChunk', { ...(uploadId ? { uploadId } : {}), offset, data: piece.toString('base64') });
    if (!r.ok) return r;
    uploadId = r.data.uploadId;
    offset = r.data.size;
    if (offset >= bytes.length) return r;
  }
}

/** Sends a small file through interventions.uploadChunk as a user of the test core; returns its upload id. */
export async function uploaded(app: { raw: (token: string | null, name: 'interventions.uploadChunk', input: unknown) => Promise<unknown> }, token: string, content: string | Buffer): Promise<string> {
  const r = await sendUpload((name, input) => app.raw(token, name, input) as ReturnType<Caller>, Buffer.from(content));
  if (!r.ok) throw new Error(`upload refused: ${JSON.stringify(r.error)}`);
  return r.data.uploadId;
}
