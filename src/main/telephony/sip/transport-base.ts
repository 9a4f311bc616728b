// What our UDP, TCP and TLS transports share for sip.js: state, its emitter, and the callbacks.
import { EmitterImpl, TransportState, type Transport } from 'sip.js';

export interface SipTransportOptions {
  host: string;
  port: number;
  /** Local address to bind (the one our Via and Contact carry). */
  localAddress: string;
  /** Extra CA certificates (PEM) a TLS trunk's certificate may chain to (a PBX with its own CA). */
  ca?: string;
  log?: (msg: string, data?: object) => void;
}

export abstract class BaseTransport implements Transport {
  abstract readonly protocol: string;
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private current = TransportState.Disconnected;
  private connecting: Promise<void> | null = null;

  // sip.js constructs transports as `new T(logger, transportOptions)`; we log through our own hook.
  constructor(_logger: unknown, protected readonly options: SipTransportOptions) {}

  get state(): TransportState {
    return this.current;
  }

  /** Port our side of the connection is bound to (the Contact must carry it). */
  abstract get localPort(): number;

  protected abstract open(): Promise<void>;
  protected abstract shut(): Promise<void>;
  protected abstract write(message: string): Promise<void>;

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.isConnected()) return Promise.resolve();
    this.connecting ??= (async () => {
      this.setState(TransportState.Connecting);
      try {
        await this.open();
      } catch (error) {
        this.setState(TransportState.Disconnected);
        throw error;
      } finally {
        this.connecting = null;
      }
      this.setState(TransportState.Connected);
      this.onConnect?.();
    })();
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    if (this.current === TransportState.Disconnected) return;
    this.setState(TransportState.Disconnecting);
    await this.shut();
    this.setState(TransportState.Disconnected);
    this.onDisconnect?.();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error('SIP transport not connected'));
    return this.write(message);
  }

  /** The connection dropped underneath us: sip.js learns it, the next call reconnects. */
  protected lost(error?: Error): void {
    if (this.current !== TransportState.Connected) return;
    this.setState(TransportState.Disconnected);
    this.onDisconnect?.(error);
  }

  protected deliver(message: string): void {
    if (message.trim() === '') return; // keep-alive
    this.onMessage?.(message);
  }

  private setState(state: TransportState): void {
    if (state === this.current) return;
    this.current = state;
    this.stateChange.emit(state);
  }
}

/** Top Via branch and CSeq method of a SIP message: what names its transaction. */
export function transactionKey(message: string): { request: boolean; method: string; key: string } | null {
  const firstLine = message.slice(0, message.indexOf('\r\n'));
  const branch = /^(?:via|v)\s*:[^\r\n]*?;\s*branch=([^;\s,\r\n]+)/im.exec(message)?.[1];
  const cseqMethod = /^cseq\s*:\s*\d+\s+(\S+)/im.exec(message)?.[1];
  if (!branch || !cseqMethod) return null;
  const request = !firstLine.startsWith('SIP/2.0');
  const method = request ? firstLine.split(' ')[0]! : cseqMethod;
  return { request, method, key: `${branch} ${cseqMethod.toUpperCase()}` };
}
