// One sip.js UserAgent per trunk, wired for Node: our transports, our media, and the two fixes
// sip.js needs outside a browser (a bare Via host with rport; the Contact carrying our real port).
import dgram from 'node:dgram';
import { Registerer, RegistererState, UserAgent, UserAgentState, type Session } from 'sip.js';
import { AudioSession } from '../media/audio-session';
import type { TrunkConfig } from './dialer';
import type { BaseTransport, SipTransportOptions } from './transport-base';
import { StreamTransport } from './transport-stream';
import { UdpTransport } from './transport-udp';

export type Log = (msg: string, data?: object) => void;

/** The local address the OS would use to reach the trunk: what our Via, Contact and SDP carry. */
export async function localAddressFor(host: string, port: number): Promise<string> {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, host, () => resolve());
    });
    return socket.address().address;
  } finally {
    socket.close();
  }
}

export class SipAgent {
  readonly ua: UserAgent;
  private readonly keyListeners = new WeakMap<object, (key: string) => void>();
  private registerer: Registerer | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    readonly trunk: TrunkConfig,
    readonly localAddress: string,
    private readonly log: Log,
    tlsCa?: string,
  ) {
    const domain = trunk.domain || trunk.host;
    const transportOptions: SipTransportOptions & { secure: boolean } = {
      host: trunk.host,
      port: trunk.port,
      localAddress,
      log,
      ca: tlsCa,
      secure: trunk.transport === 'tls',
    };
    const contactTransport = trunk.transport === 'udp' ? undefined : trunk.transport;
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${trunk.user || trunk.callerId || 'planora'}@${domain}`),
      authorizationUsername: trunk.user || undefined,
      authorizationPassword: trunk.password || undefined,
      transportConstructor: trunk.transport === 'udp' ? UdpTransport : StreamTransport,
      transportOptions,
      viaHost: localAddress,
      forceRport: true,
      contactParams: contactTransport ? { transport: contactTransport } : {},
      hackViaTcp: false,
      sessionDescriptionHandlerFactory: AudioSession.factory(
        () => localAddress,
        (session, key) => this.keyListeners.get(session)?.(key),
      ),
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        if (level === 'warn' || level === 'error') log(`sip.js ${level}`, { category, content });
      },
      userAgentString: 'Planora',
    });
  }

  get transport(): BaseTransport {
    return this.ua.transport as unknown as BaseTransport;
  }

  /** Key presses the session's media reports (RFC 4733) reach this listener. */
  listenForKeys(session: Session, onKey: (key: string) => void): void {
    this.keyListeners.set(session, onKey);
  }

  /** Starts (or reconnects) the agent and registers when the trunk asks for it. */
  ready(): Promise<void> {
    if (this.transport.isConnected() && !this.starting) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    if (this.registerer?.state === RegistererState.Registered) {
      // A registrar that stays silent must not hold the shutdown until sip.js's Timer F (32 s).
      const unregistered = this.awaitRequest((delegate) => this.registerer!.unregister({ requestDelegate: delegate }));
      const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 4000).unref());
      await Promise.race([unregistered, giveUp]).catch((error: Error) => this.log('sip: unregister failed', { error: error.message }));
    }
    await this.ua.stop();
  }

  private async start(): Promise<void> {
    if (this.ua.state === UserAgentState.Started) await this.transport.connect();
    else await this.ua.start();
    // The Contact names our host only; in-dialog requests must reach our bound port.
    this.ua.contact.uri.port = this.transport.localPort;
    if (this.trunk.register && !this.registerer) {
      this.registerer = new Registerer(this.ua, { expires: 300 });
      await this.awaitRequest((delegate) => this.registerer!.register({ requestDelegate: delegate }));
    }
  }

  /** Resolves on a 2xx, rejects with the status of any final failure (after sip.js's auth retry). */
  private awaitRequest(send: (delegate: { onAccept(): void; onReject(r: { message: { statusCode?: number } }): void }) => Promise<unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      send({
        onAccept: () => resolve(),
        onReject: (r) => reject(new Error(`SIP ${r.message.statusCode ?? 0}`)),
      }).catch(reject);
    });
  }
}
