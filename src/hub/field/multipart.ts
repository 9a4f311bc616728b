/** One part of a `multipart/form-data` body. */
export interface Part {
  name: string;
  filename: string | null;
  type: string | null;
  data: Buffer;
}

const BOUNDARY = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i;

/**
 * The parts of a script-free form's upload (RFC 7578), the body already read and bounded by the route's limit; null
 * when it is not well formed. Small on purpose: one form, a few fields and one file.
 */
export function parseMultipart(body: Buffer, contentType: string | undefined, maxParts = 8): Part[] | null {
  const m = BOUNDARY.exec(contentType ?? '');
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return null;
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) return null;
    const headEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headEnd < 0) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) return null;
    const head = body.subarray(pos + 2, headEnd).toString('utf8');
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(head)?.[1] ?? null;
    if (disposition === null) return null;
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return null;
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    const type = /^content-type:\s*([^\r\n;]+)/im.exec(head)?.[1]?.trim().toLowerCase() ?? null;
    parts.push({ name, filename, type, data: body.subarray(headEnd + 4, next) });
    if (parts.length > maxParts) return null;
    pos = next + 2;
  }
}
