import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDialer } from './dialer';
import { takeMessage } from './transport-stream';
import { tone } from '../testing/tone';
import { testTrunk } from '../testing/trunk';

// sipp on Debian is built without TLS: a minimal TLS peer that answers every INVITE busy.
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'testing', 'tls');
const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');

async function busyPeer(): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = tls.createServer({ cert, key }, (socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let m = takeMessage(buffer); m; m = takeMessage(buffer)) {
        buffer = buffer.subarray(m.consumed);
        if (!m.text) continue;
        seen.push(m.text);
        if (!m.text.startsWith('INVITE ')) continue;
        const header = (name: string): string => new RegExp(`^${name}:.*$`, 'im').exec(m!.text)?.[0] ?? '';
        socket.write(['SIP/2.0 486 Busy Here', header('Via'), header('From'), `${header('To')};tag=peer1`, header('Call-ID'), header('CSeq'), 'Content-Length: 0', '', ''].join('\r\n'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('dialer over TLS', () => {
  it('calls through tls.connect with a private CA; Via and Contact say TLS', async () => {
    const peer = await busyPeer();
    const dialer = createDialer(testTrunk(peer.port, { transport: 'tls' }), { tlsCa: cert });
    try {
      const result = await dialer.call({ number: '+37120000001', prompt: tone(100) });
      expect(result).toMatchObject({ outcome: 'busy', sipCode: 486 });
      const invite = peer.seen.find((m) => m.startsWith('INVITE '))!;
      expect(invite).toMatch(/^Via: SIP\/2\.0\/TLS 127\.0\.0\.1;branch=/m);
      expect(invite).toMatch(/^Contact: <sip:[^@]+@127\.0\.0\.1:\d+;transport=tls[;>]/m);
      await dialer.close();
      expect(peer.seen.some((m) => m.startsWith('ACK '))).toBe(true);
    } finally {
      await dialer.close();
      await peer.close();
    }
  });

  it('refuses a trunk whose certificate it cannot verify → failed, nothing sent', async () => {
    const peer = await busyPeer();
    const dialer = createDialer(testTrunk(peer.port, { transport: 'tls' }));
    try {
      const result = await dialer.call({ number: '+37120000001', prompt: tone(100) });
      expect(result).toMatchObject({ outcome: 'failed', sipCode: null });
      expect(peer.seen).toEqual([]);
    } finally {
      await dialer.close();
      await peer.close();
    }
  });
});
