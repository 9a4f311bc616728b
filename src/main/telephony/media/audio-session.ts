// sip.js session description handler for a phone call from Node: one UDP socket, G.711 out in
// 20 ms packets on a drift-free pacer (silence when nothing is queued, so timestamps follow time),
// RFC 4733 key presses in.
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { encodeG711 } from './g711';
import { monotonicMs, startPacer, type Pacer } from './pacer';
import { readRtp, writeRtp } from './rtp';
import { Rfc4733Receiver } from './dtmf';
import { buildOffer, parseAnswer, TELEPHONE_EVENT_PT, type RemoteAudio } from './sdp';

const FRAME = 160; // samples in 20 ms at 8 kHz
const SILENCE = new Int16Array(FRAME);

interface Playback {
  pcm: Int16Array;
  offset: number;
  done: () => void;
}

export class AudioSession implements SessionDescriptionHandler {
  /** Monotonic instant (ms) each RTP packet left: the pacing can be measured. */
  readonly sentAt: number[] = [];
  private socket: dgram.Socket | null = null;
  private remote: RemoteAudio | null = null;
  private pacer: Pacer | null = null;
  private playback: Playback | null = null;
  private readonly ssrc = randomInt(0, 2 ** 32);
  private sequence = randomInt(0, 2 ** 16);
  private readonly baseTimestamp = randomInt(0, 2 ** 32);
  private readonly events: Rfc4733Receiver;
  private closed = false;

  constructor(
    private readonly localAddress: () => string,
    onKey: (key: string) => void,
  ) {
    this.events = new Rfc4733Receiver(onKey);
  }

  static factory(localAddress: () => string, onKey: (session: object, key: string) => void): SessionDescriptionHandlerFactory {
    return (session) => new AudioSession(localAddress, (key) => onKey(session, key));
  }

  async getDescription(): Promise<BodyAndContentType> {
    const socket = await this.bind();
    const body = buildOffer({ address: this.localAddress(), port: socket.address().port, sessionId: randomInt(1, 2 ** 31) });
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType.toLowerCase() === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    const remote = parseAnswer(sdp);
    if (!remote) throw new Error('SDP answer without G.711 audio');
    this.remote = remote;
    if (!this.pacer && !this.closed) this.pacer = startPacer(20, (n) => this.tick(n));
  }

  sendDtmf(): boolean {
    return false;
  }

  get codec(): string | null {
    return this.remote?.codec ?? null;
  }

  /** Resolves once the last frame of `pcm` has been sent, or at once after `stopPlayback`/`close`. */
  play(pcm: Int16Array): Promise<void> {
    this.stopPlayback();
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.playback = { pcm, offset: 0, done: resolve };
    });
  }

  stopPlayback(): void {
    const current = this.playback;
    this.playback = null;
    current?.done();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pacer?.stop();
    this.stopPlayback();
    this.socket?.close();
  }

  private bind(): Promise<dgram.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    const socket = dgram.createSocket(this.localAddress().includes(':') ? 'udp6' : 'udp4');
    this.socket = socket;
    socket.on('message', (msg) => this.receive(msg));
    socket.on('error', () => undefined); // ICMP unreachable from a peer that hung up: nothing to do
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, this.localAddress(), () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  }

  private tick(n: number): void {
    const { remote, socket } = this;
    if (!remote || !socket || this.closed) return;
    const frame = this.nextFrame();
    const packet = writeRtp({
      payloadType: remote.payloadType,
      marker: n === 0,
      sequence: this.sequence,
      timestamp: (this.baseTimestamp + n * FRAME) >>> 0,
      ssrc: this.ssrc,
      payload: encodeG711(frame, remote.codec),
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    // Node hands a small datagram to the kernel synchronously when it can: this is its departure.
    socket.send(packet, remote.port, remote.address);
    this.sentAt.push(monotonicMs());
  }

  private nextFrame(): Int16Array {
    const p = this.playback;
    if (!p) return SILENCE;
    const frame = new Int16Array(FRAME);
    frame.set(p.pcm.subarray(p.offset, p.offset + FRAME));
    p.offset += FRAME;
    if (p.offset >= p.pcm.length) {
      this.playback = null;
      p.done();
    }
    return frame;
  }

  private receive(msg: Buffer): void {
    const packet = readRtp(msg);
    if (!packet) return;
    const eventPt = this.remote?.eventPayloadType;
    if (packet.payloadType !== TELEPHONE_EVENT_PT && packet.payloadType !== eventPt) return;
    this.events.receive(packet.ssrc, packet.timestamp, packet.payload);
  }
}
