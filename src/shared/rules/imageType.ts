import type { FieldPhotoType } from '../sync/field';

/**
 * The image type the bytes themselves say (JPEG, PNG or WebP), or null: what a browser claims in the upload's
 * content type is not trusted, since the file is later opened on the office's machines.
 */
export function imageTypeOf(bytes: Uint8Array): FieldPhotoType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
