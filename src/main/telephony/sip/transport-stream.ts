// SIP over TCP or TLS: one connection to the trunk, messages split by Content-Length (RFC 3261 §18.3).
import net from 'node:net';
import tls from 'node:tls';
import { BaseTransport, type SipTransportOptions } from './transport-base';

const HEADER_END = Buffer.from('\r\n\r\n');

export class StreamTransport extends BaseTransport {
  readonly protocol: 'TCP' | 'TLS';
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);

  private readonly secure: boolean;

  constructor(logger: unknown, options: SipTransportOptions & { secure: boolean }) {
    super(logger, options);
    this.protocol = options.secure ? 'TLS' : 'TCP';
    this.secure = options.secure;
  }

  get localPort(): number {
    return this.socket?.localPort ?? 0;
  }

  protected open(): Promise<void> {
    const { host, port, localAddress, ca } = this.options;
    return new Promise((resolve, reject) => {
      const socket = this.secure
        ? tls.connect({ host, port, ca, servername: net.isIP(host) ? undefined : host }, () => done())
        : net.connect({ host, port, localAddress }, () => done());
      const done = (): void => {
        socket.off('error', reject);
        socket.on('error', (error) => this.options.log?.('sip: stream error', { error: error.message }));
        socket.on('close', () => {
          if (this.socket === socket) this.socket = null;
          this.lost(new Error('SIP connection closed'));
        });
        this.socket = socket;
        resolve();
      };
      socket.setNoDelay(true);
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
    });
  }

  protected async shut(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    // end() lets what is queued (a BYE) leave before the FIN.
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  }

  protected write(message: string): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('SIP transport closed'));
    return new Promise((resolve, reject) => socket.write(message, (error) => (error ? reject(error) : resolve())));
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const message = takeMessage(this.buffer);
      if (!message) return;
      this.buffer = this.buffer.subarray(message.consumed);
      this.deliver(message.text);
    }
  }
}

/** One whole message from the front of a stream, or null while it is incomplete. */
export function takeMessage(buffer: Buffer): { text: string; consumed: number } | null {
  let start = 0;
  while (buffer[start] === 0x0d || buffer[start] === 0x0a) start += 1; // keep-alive CRLFs
  if (start === buffer.length) return start ? { text: '', consumed: start } : null;
  const headerEnd = buffer.indexOf(HEADER_END, start);
  if (headerEnd < 0) return null;
  const head = buffer.toString('utf8', start, headerEnd);
  const length = Number(/^(?:content-length|l)\s*:\s*(\d+)/im.exec(head)?.[1] ?? 0);
  const end = headerEnd + HEADER_END.length + length;
  if (buffer.length < end) return null;
  return { text: buffer.toString('utf8', start, end), consumed: end };
}
