// One call from a fresh dialer to a fresh sipp; sipp's own verdict (exit code 0) is checked too.
import { createDialer, type CallRequest, type TrunkConfig } from '../sip/dialer';
import { startSipp, type SippOptions } from './sipp';
import { tone } from './tone';
import { logRecorder, testTrunk } from './trunk';

export async function callSipp(sippOpts: SippOptions, over: Partial<TrunkConfig> = {}, req: Partial<CallRequest> = {}, keyWaitMs = 2000) {
  // sipp gives up well before the test does, so its own report is what fails a stuck test.
  const sipp = await startSipp({ timeoutSec: 20, ...sippOpts });
  const rec = logRecorder();
  const dialer = createDialer(testTrunk(sipp.port, { transport: sippOpts.transport ?? 'udp', ...over }), { keyWaitMs, log: rec.log });
  try {
    const result = await dialer.call({ number: '+371 2000 0001', prompt: tone(600), ...req });
    await dialer.close();
    await sipp.passed();
    return { result, log: rec.entries };
  } finally {
    await dialer.close();
    sipp.kill();
  }
}
