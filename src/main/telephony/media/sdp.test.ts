import { describe, expect, it } from 'vitest';
import { buildOffer, parseAnswer } from './sdp';
import { readRtp, writeRtp } from './rtp';

describe('SDP', () => {
  it('offers PCMU, PCMA and telephone-event 101 with 20 ms packets', () => {
    const sdp = buildOffer({ address: '10.0.0.5', port: 40000, sessionId: 7 });
    expect(sdp).toContain('m=audio 40000 RTP/AVP 0 8 101\r\n');
    expect(sdp).toContain('c=IN IP4 10.0.0.5\r\n');
    expect(sdp).toContain('a=rtpmap:101 telephone-event/8000\r\n');
    expect(sdp).toContain('a=ptime:20\r\n');
  });

  it('takes the answer’s first G.711 format, its event type and the media-level address', () => {
    const answer = 'v=0\r\nc=IN IP4 1.1.1.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 8 0 96\r\nc=IN IP4 2.2.2.2\r\na=rtpmap:96 telephone-event/8000\r\n';
    expect(parseAnswer(answer)).toEqual({ address: '2.2.2.2', port: 5004, codec: 'PCMA', payloadType: 8, eventPayloadType: 96 });
    expect(parseAnswer('v=0\nc=IN IP4 1.1.1.1\nm=audio 6000 RTP/AVP 0\n')).toMatchObject({ address: '1.1.1.1', codec: 'PCMU', eventPayloadType: null });
  });

  it('refuses an answer without G.711 or with a zero port', () => {
    expect(parseAnswer('v=0\r\nc=IN IP4 1.1.1.1\r\nm=audio 5004 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n')).toBeNull();
    expect(parseAnswer('v=0\r\nc=IN IP4 1.1.1.1\r\nm=audio 0 RTP/AVP 0\r\n')).toBeNull();
  });
});

describe('RTP', () => {
  it('reads back what it writes, skipping CSRCs and padding', () => {
    const packet = { payloadType: 101, marker: true, sequence: 65535, timestamp: 4294967295, ssrc: 42, payload: Uint8Array.from([1, 2, 3, 4]) };
    const buf = writeRtp(packet);
    expect(readRtp(buf)).toEqual({ ...packet, payload: Buffer.from([1, 2, 3, 4]) });
    const padded = Buffer.concat([buf, Buffer.from([0, 0, 3])]);
    padded[0] = padded[0]! | 0x20;
    expect(readRtp(padded)?.payload).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(readRtp(Buffer.from([0x00, 0, 0]))).toBeNull();
  });
});
