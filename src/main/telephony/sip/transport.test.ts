import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { takeMessage } from './transport-stream';
import { transactionKey } from './transport-base';
import { UdpTransport } from './transport-udp';

const request = (method: string, branch: string, body = ''): string =>
  `${method} sip:1@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=${branch};rport\r\nCSeq: 1 ${method}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('SIP transports', () => {
  it('names a transaction by its top Via branch and CSeq method', () => {
    expect(transactionKey(request('INVITE', 'z9hG4bK1'))).toEqual({ request: true, method: 'INVITE', key: 'z9hG4bK1 INVITE' });
    expect(transactionKey('SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\n\r\n')).toEqual({ request: false, method: 'INVITE', key: 'z9hG4bK1 INVITE' });
  });

  it('splits a TCP stream by Content-Length, whatever the chunking, skipping keep-alive CRLFs', () => {
    const one = request('INFO', 'b1', 'Signal=1\r\nDuration=160');
    const two = request('BYE', 'b2');
    const stream = Buffer.from(`\r\n\r\n${one}${two}`);
    const out: string[] = [];
    let buffer = Buffer.alloc(0);
    for (const byte of stream) {
      buffer = Buffer.concat([buffer, Buffer.from([byte])]);
      for (let m = takeMessage(buffer); m; m = takeMessage(buffer)) {
        buffer = buffer.subarray(m.consumed);
        if (m.text) out.push(m.text);
      }
    }
    expect(out).toEqual([one, two]);
  });

  it('UDP resends a request after 0.5 s and 1 s more, and stops on its response; ACK is never resent', async () => {
    const peer = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', () => resolve()));
    const seen: Array<{ method: string; at: number }> = [];
    const t0 = Date.now();
    peer.on('message', (msg) => seen.push({ method: msg.toString().split(' ')[0]!, at: Date.now() - t0 }));
    const transport = new UdpTransport(null, { host: '127.0.0.1', port: peer.address().port, localAddress: '127.0.0.1' });
    const got: string[] = [];
    transport.onMessage = (m) => got.push(m);
    try {
      await transport.connect();
      await transport.send(request('INVITE', 'z9hG4bKa'));
      await transport.send(request('ACK', 'z9hG4bKb'));
      await new Promise((resolve) => setTimeout(resolve, 1700));
      const invites = seen.filter((s) => s.method === 'INVITE').map((s) => s.at);
      expect(invites).toHaveLength(3);
      expect(invites[1]).toBeGreaterThanOrEqual(480);
      expect(invites[1]).toBeLessThan(900);
      expect(invites[2]).toBeGreaterThanOrEqual(1480);
      const response = 'SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKa;rport=1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';
      peer.send(response, transport.localPort, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 2300)); // past the 3.5 s resend
      expect(seen.filter((s) => s.method === 'INVITE')).toHaveLength(3);
      expect(seen.filter((s) => s.method === 'ACK')).toHaveLength(1);
      expect(got).toEqual([response]);
    } finally {
      await transport.dispose();
      peer.close();
    }
  }, 10_000);
});
