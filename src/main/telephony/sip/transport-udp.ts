// SIP over UDP. sip.js leaves request retransmission (RFC 3261 timers A and E) to the transport:
// every request but ACK is resent after 0.5, 1, 2, 4, 8 and 16 s until any response to it arrives.
import dgram from 'node:dgram';
import { BaseTransport, transactionKey, type SipTransportOptions } from './transport-base';

export const RETRANSMIT_MS = [500, 1000, 2000, 4000, 8000, 16000];

export class UdpTransport extends BaseTransport {
  readonly protocol = 'UDP';
  private socket: dgram.Socket | null = null;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(logger: unknown, options: SipTransportOptions) {
    super(logger, options);
  }

  get localPort(): number {
    return this.socket?.address().port ?? 0;
  }

  protected open(): Promise<void> {
    const { host, port, localAddress } = this.options;
    const socket = dgram.createSocket(localAddress.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (msg) => this.receive(msg.toString('utf8')));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, localAddress, () => {
        // Connected: the kernel drops strangers' datagrams and reports an unreachable trunk.
        socket.connect(port, host, () => {
          socket.off('error', reject);
          socket.on('error', (error) => this.fail(error));
          this.socket = socket;
          resolve();
        });
      });
    });
  }

  protected async shut(): Promise<void> {
    this.stopAll();
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  protected write(message: string): Promise<void> {
    const tx = transactionKey(message);
    if (tx?.request && tx.method !== 'ACK') this.schedule(tx.key, message, 0);
    return this.datagram(message);
  }

  private datagram(message: string): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('SIP transport closed'));
    return new Promise((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())));
  }

  private schedule(key: string, message: string, attempt: number): void {
    const delay = RETRANSMIT_MS[attempt];
    clearTimeout(this.pending.get(key));
    if (delay === undefined) {
      this.pending.delete(key);
      return;
    }
    const timer = setTimeout(() => {
      this.options.log?.('sip: retransmit', { key, attempt: attempt + 1 });
      this.datagram(message).catch((error: Error) => this.fail(error));
      this.schedule(key, message, attempt + 1);
    }, delay);
    timer.unref();
    this.pending.set(key, timer);
  }

  private receive(message: string): void {
    const tx = transactionKey(message);
    if (tx && !tx.request) {
      clearTimeout(this.pending.get(tx.key));
      this.pending.delete(tx.key);
    }
    this.deliver(message);
  }

  private fail(error: Error): void {
    this.options.log?.('sip: udp error', { error: error.message });
    this.stopAll();
    // A connected socket that saw ICMP "refused" is done; the next call binds a fresh one.
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.lost(error);
  }

  private stopAll(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
