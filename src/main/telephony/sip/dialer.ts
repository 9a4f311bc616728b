import { setMaxListeners } from 'node:events';
import { SipAgent, localAddressFor } from './agent';
import { placeCall, type CallTiming } from './call';
import { Limiter } from './limiter';

export type Transport = 'udp' | 'tcp' | 'tls';

export interface TrunkConfig {
  host: string;
  port: number;
  transport: Transport;
  domain?: string;
  user?: string;
  password?: string;
  register: boolean;
  callerId: string;
  callerIdMode: 'from' | 'pai';
  channels: number;
  ringTimeoutSec: number;
  maxCallSec: number;
}

export type CallOutcome =
  | 'confirmed'
  | 'declined'
  | 'answered'
  | 'busy'
  | 'no_answer'
  | 'rejected'
  | 'not_found'
  | 'failed';

export interface CallResult {
  outcome: CallOutcome;
  key: '1' | '2' | null;
  sipCode: number | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
}

export type CallState = 'dialing' | 'ringing' | 'answered' | 'ended';

export interface CallRequest {
  number: string;
  /** 8 kHz mono PCM; it already ends with "press 1 / press 2". */
  prompt: Int16Array;
  onState?(state: CallState): void;
}

export interface Dialer {
  call(req: CallRequest): Promise<CallResult>;
  close(): Promise<void>;
}

export interface DialerOptions {
  now?: () => number;
  log?: (msg: string, data?: object) => void;
  /** Listening time after each playing of the prompt (default 5 s). */
  keyWaitMs?: number;
  /** CA certificates (PEM) to trust besides the system's, for a TLS trunk with a private CA. */
  tlsCa?: string;
  /** After each answered call: the instants its RTP packets left (for measuring the pacing). */
  onMedia?: (media: { codec: string | null; sentAt: readonly number[] }) => void;
}

/**
 * A trunk's dialer. Calls beyond `channels` wait for a free channel in order; `close` hangs up
 * what is running, fails what still waits, unregisters and closes the transport.
 */
export function createDialer(trunk: TrunkConfig, opts: DialerOptions = {}): Dialer {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const timing: CallTiming = { keyWaitMs: opts.keyWaitMs ?? 5000, byeWaitMs: 4000 };
  const limiter = new Limiter(Math.max(1, Math.floor(trunk.channels)));
  const shutdown = new AbortController();
  // Every running call listens for the shutdown: as many listeners as channels, and then some.
  setMaxListeners(0, shutdown.signal);
  const running = new Set<Promise<CallResult>>();
  let agent: Promise<SipAgent> | null = null;
  const agentOnce = (): Promise<SipAgent> =>
    (agent ??= localAddressFor(trunk.host, trunk.port).then((address) => new SipAgent(trunk, address, log, opts.tlsCa)));

  const failedNow = (req: CallRequest): CallResult => {
    const at = now();
    req.onState?.('ended');
    return { outcome: 'failed', key: null, sipCode: null, startedAt: at, answeredAt: null, endedAt: at };
  };

  return {
    call(req) {
      if (shutdown.signal.aborted) return Promise.resolve(failedNow(req));
      const result = limiter.run(async () => {
        if (shutdown.signal.aborted) return failedNow(req);
        let sip: SipAgent;
        try {
          sip = await agentOnce();
        } catch (error) {
          agent = null;
          log('sip: trunk unreachable', { error: (error as Error).message });
          return failedNow(req);
        }
        return placeCall(sip, req, { now, log, timing, abort: shutdown.signal, onMedia: opts.onMedia });
      });
      running.add(result);
      void result.finally(() => running.delete(result));
      return result;
    },
    async close() {
      shutdown.abort();
      await Promise.allSettled([...running]);
      const sip = await agent?.catch(() => null);
      if (sip) await sip.stop();
    },
  };
}
