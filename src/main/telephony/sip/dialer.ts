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
}

export function createDialer(trunk: TrunkConfig, opts: DialerOptions = {}): Dialer {
  void trunk;
  void opts;
  throw new Error('dialer: not built yet');
}
