import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { AudioSession } from './audio-session';
import { alawToLinear } from './g711';
import { readRtp, writeRtp, type RtpPacket } from './rtp';
import { tone } from '../testing/tone';

async function farEnd(): Promise<{ socket: dgram.Socket; port: number; packets: RtpPacket[] }> {
  const socket = dgram.createSocket('udp4');
  const packets: RtpPacket[] = [];
  socket.on('message', (msg) => {
    const p = readRtp(msg);
    if (p) packets.push({ ...p, payload: Uint8Array.from(p.payload) });
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { socket, port: socket.address().port, packets };
}

const answer = (port: number): string =>
  `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n`;

describe('audio session (session description handler)', () => {
  it('plays the prompt as 20 ms PCMA packets with running sequence and timestamps, then silence', async () => {
    const peer = await farEnd();
    const audio = new AudioSession(() => '127.0.0.1', () => undefined);
    try {
      const offer = await audio.getDescription();
      expect(offer.contentType).toBe('application/sdp');
      expect(offer.body).toMatch(/^m=audio \d+ RTP\/AVP 0 8 101\r$/m);
      await audio.setDescription(answer(peer.port));
      const prompt = tone(300); // 15 frames
      await audio.play(prompt);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const packets = peer.packets;
      expect(packets.length).toBeGreaterThanOrEqual(16);
      expect(packets.every((p) => p.payloadType === 8 && p.payload.length === 160)).toBe(true);
      expect(packets[0]!.marker).toBe(true);
      for (let i = 1; i < packets.length; i += 1) {
        expect((packets[i]!.sequence - packets[i - 1]!.sequence) & 0xffff).toBe(1);
        expect((packets[i]!.timestamp - packets[i - 1]!.timestamp) >>> 0).toBe(160);
      }
      // The prompt's frames are in there, in order, and decode back close to the tone.
      const start = packets.findIndex((p) => p.payload.some((b) => Math.abs(alawToLinear(b)) > 1000));
      const decoded = packets.slice(start, start + 15).flatMap((p) => [...p.payload].map(alawToLinear));
      const error = decoded.reduce((sum, s, i) => sum + Math.abs(s - prompt[i]!), 0) / decoded.length;
      expect(error).toBeLessThan(150);
      expect(packets.at(-1)!.payload.every((b) => Math.abs(alawToLinear(b)) <= 8)).toBe(true);
    } finally {
      audio.close();
      peer.socket.close();
    }
  });

  it('reports an RFC 4733 key once, however many packets carry it', async () => {
    const peer = await farEnd();
    const keys: string[] = [];
    const audio = new AudioSession(() => '127.0.0.1', (k) => keys.push(k));
    try {
      const ourPort = Number(/^m=audio (\d+)/m.exec((await audio.getDescription()).body)![1]);
      await audio.setDescription(answer(peer.port));
      const event = (end: boolean, duration: number, timestamp: number, digit = 1): Buffer =>
        writeRtp({ payloadType: 101, marker: duration === 0, sequence: duration, timestamp, ssrc: 7, payload: Uint8Array.from([digit, end ? 0x8a : 0x0a, duration >> 8, duration & 0xff]) });
      for (const d of [0, 160, 320]) peer.socket.send(event(false, d, 1000), ourPort, '127.0.0.1');
      for (let i = 0; i < 3; i += 1) peer.socket.send(event(true, 480, 1000), ourPort, '127.0.0.1');
      peer.socket.send(event(true, 480, 5000, 2), ourPort, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(keys).toEqual(['1', '2']);
    } finally {
      audio.close();
      peer.socket.close();
    }
  });
});
