import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart';

/** A body as a browser's form sends it, made by the platform's own FormData. */
async function encoded(fields: Record<string, string | { name: string; type: string; data: Buffer }>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') form.set(k, v);
    else form.set(k, new Blob([new Uint8Array(v.data)], { type: v.type }), v.name);
  }
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

describe('parseMultipart', () => {
  it('reads the fields and the file, bytes intact (CRLF and boundary-like text inside the file included)', async () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('\r\n--not-the-boundary\r\n'), Buffer.alloc(300, 9)]);
    const { body, type } = await encoded({ id: 'abc', photo: { name: 'IMG_1.jpg', type: 'image/jpeg', data } });
    const parts = parseMultipart(body, type)!;
    expect(parts.map((p) => [p.name, p.filename, p.type])).toEqual([
      ['id', null, null],
      ['photo', 'IMG_1.jpg', 'image/jpeg'],
    ]);
    expect(parts[0]!.data.toString()).toBe('abc');
    expect(Buffer.compare(parts[1]!.data, data)).toBe(0);
  });

  it('answers null for a body that is not well formed, has no boundary, or too many parts', async () => {
    const { body, type } = await encoded({ id: 'abc' });
    expect(parseMultipart(body, 'multipart/form-data')).toBeNull();
    expect(parseMultipart(body.subarray(0, body.length - 10), type)).toBeNull();
    expect(parseMultipart(Buffer.from('hello'), type)).toBeNull();
    const many = await encoded(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'x'])));
    expect(parseMultipart(many.body, many.type)).toBeNull();
  });
});
