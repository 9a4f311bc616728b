import os from 'node:os';
import { createDialer, type CallResult } from '../../src/main/telephony/sip/dialer';
import { gapsOf, gapStats } from '../../src/main/telephony/media/pacer';
import { startSipp, sippInstalled } from '../../src/main/telephony/testing/sipp';
import { tone } from '../../src/main/telephony/testing/tone';
import { testTrunk } from '../../src/main/telephony/testing/trunk';
import type { Suite } from '../lib/suite';

const CALLS = 20;
const LISTEN_MS = 4000;

/** One dialer, 20 simultaneous calls to sipp on loopback: RTP pacing while all play, and every key arrives. */
export const dialerSuite: Suite = {
  id: 'dialer',
  title: 'Reminder dialer: 20 simultaneous calls to sipp',
  async run({ results, log }) {
    if (!sippInstalled) {
      log('sipp is not installed (Debian package sip-tester): skipped');
      return;
    }
    // sipp answers each call, listens 4 s to our prompt, then presses 1 by SIP INFO.
    const sipp = await startSipp({ scenario: 'answer-info-1.xml', calls: CALLS, args: ['-d', String(LISTEN_MS)], timeoutSec: 120 });
    const sent: number[][] = [];
    const dialer = createDialer(testTrunk(sipp.port, { channels: CALLS, ringTimeoutSec: 30, maxCallSec: 60 }), {
      keyWaitMs: 5000,
      onMedia: (m) => sent.push([...m.sentAt]),
    });
    let calls: CallResult[] = [];
    try {
      calls = await Promise.all(
        Array.from({ length: CALLS }, (_, i) => dialer.call({ number: `+3712000${String(i).padStart(4, '0')}`, prompt: tone(10_000) })),
      );
      await dialer.close();
      await sipp.passed();
    } finally {
      await dialer.close();
      sipp.kill();
    }
    const gaps = sent.flatMap(gapsOf);
    const stats = gapStats(gaps);
    log(`${stats.count} RTP gaps over ${sent.length} calls: median ${stats.median.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)}, p99 ${stats.p99.toFixed(2)}, max ${stats.max.toFixed(2)}`);
    results.addSamples(`dialer: RTP packet gap, ${CALLS} simultaneous calls`, gaps, null, { note: 'p50/p95; 20 ms is exact pacing' });
    // On a shared machine the whole process can be descheduled: the load average says how busy it was.
    const load = os.loadavg()[0]!.toFixed(1);
    results.addValue(`dialer: RTP packet gap p99, ${CALLS} simultaneous calls`, 'ms', stats.p99, 25, `max ${stats.max.toFixed(0)} ms; load average ${load} on ${os.cpus().length} cores`);
    const confirmed = calls.filter((c) => c.outcome === 'confirmed' && c.key === '1').length;
    results.addValue(`dialer: key presses lost of ${CALLS}`, 'count', CALLS - confirmed, 0);
    results.addSamples('dialer: INVITE to answer on loopback', calls.map((c) => (c.answeredAt ?? c.endedAt) - c.startedAt), null, { note: 'sipp answers at once' });
  },
};
