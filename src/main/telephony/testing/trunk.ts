// Test trunk settings pointing at a local sipp, and a recorder for the dialer's log.
import type { TrunkConfig } from '../sip/dialer';

export function testTrunk(port: number, over: Partial<TrunkConfig> = {}): TrunkConfig {
  return {
    host: '127.0.0.1',
    port,
    transport: 'udp',
    register: false,
    callerId: '37167000000',
    callerIdMode: 'from',
    channels: 2,
    ringTimeoutSec: 10,
    maxCallSec: 30,
    ...over,
  };
}

export function logRecorder(): { log: (msg: string, data?: object) => void; entries: Array<{ msg: string; data?: object }> } {
  const entries: Array<{ msg: string; data?: object }> = [];
  return { entries, log: (msg, data) => entries.push({ msg, data }) };
}
