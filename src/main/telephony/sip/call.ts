// One outgoing reminder call: INVITE, ring timeout, prompt (once more if no key), BYE, outcome.
import { Inviter, SessionState, TransportState, UserAgent, type Info } from 'sip.js';
import type { AudioSession } from '../media/audio-session';
import { InfoDtmfReceiver } from '../media/dtmf';
import type { SipAgent, Log } from './agent';
import type { CallRequest, CallResult, DialerOptions } from './dialer';
import { outcomeOf } from './outcome';

export interface CallTiming {
  /** Listening time after each playing of the prompt before it is repeated or the call ends. */
  keyWaitMs: number;
  /** How long we wait for the BYE's response before giving up on it. */
  byeWaitMs: number;
}

type Key = '1' | '2';

export async function placeCall(
  agent: SipAgent,
  req: CallRequest,
  ctx: { now: () => number; log: Log; timing: CallTiming; abort: AbortSignal; onMedia?: DialerOptions['onMedia'] },
): Promise<CallResult> {
  const { trunk } = agent;
  const { now, log, timing } = ctx;
  const startedAt = now();
  let answeredAt: number | null = null;
  let sipCode: number | null = null;
  let key: Key | null = null;
  let ringTimedOut = false;
  const finish = (): CallResult => ({
    outcome: outcomeOf({ answered: answeredAt !== null, key, sipCode, ringTimedOut }),
    key: answeredAt !== null ? key : null,
    sipCode,
    startedAt,
    answeredAt,
    endedAt: now(),
  });
  req.onState?.('dialing');
  const target = dialTarget(req.number, trunk.domain || trunk.host);
  if (!target || ctx.abort.aborted) {
    req.onState?.('ended');
    return finish();
  }
  try {
    await agent.ready();
  } catch (error) {
    const message = (error as Error).message;
    log('sip: trunk not ready', { error: message });
    const status = /^SIP (\d+)$/.exec(message)?.[1];
    sipCode = status ? Number(status) : null;
    req.onState?.('ended');
    return { ...finish(), outcome: 'failed' };
  }

  let pressed: (k: Key) => void = () => undefined;
  const keyPressed = new Promise<Key>((resolve) => (pressed = resolve));
  const onKey = (k: string): void => {
    if ((k === '1' || k === '2') && key === null && answeredAt !== null) {
      key = k;
      log('sip: key', { key: k });
      pressed(k);
    }
  };
  const infoKeys = new InfoDtmfReceiver(onKey);
  // The caller ID is a setting typed by people: only URI-safe characters reach a header.
  const callerUri = `sip:${trunk.callerId.replace(/[^\w+.-]/g, '')}@${trunk.domain || trunk.host}`;
  const inviter = new Inviter(agent.ua, target, {
    extraHeaders: trunk.callerIdMode === 'pai' ? [`P-Asserted-Identity: <${callerUri}>`] : [],
    params: trunk.callerIdMode === 'from' ? { fromUri: callerUri } : {},
    delegate: {
      onInfo(info: Info) {
        const r = info.request;
        infoKeys.receive(`${r.callId} ${r.cseq}`, r.getHeader('content-type'), r.body);
        void info.accept();
      },
    },
  });
  agent.listenForKeys(inviter, onKey);

  let ended: () => void = () => undefined;
  const terminated = new Promise<void>((resolve) => (ended = resolve));
  let answered: () => void = () => undefined;
  const established = new Promise<void>((resolve) => (answered = resolve));
  let settled = false;
  inviter.stateChange.addListener((state) => {
    // An answer racing our late CANCEL is sip.js's to end (ACK + BYE); the result is already out.
    if (settled) return;
    if (state === SessionState.Established) {
      answeredAt = now();
      sipCode = 200;
      req.onState?.('answered');
      answered();
    } else if (state === SessionState.Terminated) ended();
  });

  let provisional = false;
  let giveUp: () => void = () => undefined;
  const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
  const cancel = (): void => {
    if (inviter.state === SessionState.Initial || inviter.state === SessionState.Establishing) {
      inviter.cancel().catch((error: Error) => log('sip: cancel failed', { error: error.message }));
    }
    // sip.js can only CANCEL after a provisional response; a silent peer would hold us until
    // its Timer B (32 s): stop waiting now, sip.js sends the CANCEL if a provisional ever comes.
    if (!provisional) giveUp();
  };
  const ringTimer = setTimeout(() => {
    if (answeredAt !== null) return;
    ringTimedOut = true;
    log('sip: ring timeout', { number: req.number });
    cancel();
  }, trunk.ringTimeoutSec * 1000);
  const onAbort = (): void => (answeredAt === null ? cancel() : undefined);
  ctx.abort.addEventListener('abort', onAbort);
  // An unreachable trunk (ICMP refused on UDP, a dropped connection) fails the call now, not at the ring timeout.
  const onTransport = (state: TransportState): void => {
    if (state !== TransportState.Disconnected || answeredAt !== null) return;
    log('sip: trunk connection lost', { number: req.number });
    giveUp();
  };
  agent.transport.stateChange.addListener(onTransport);

  try {
    await inviter.invite({
      requestDelegate: {
        onProgress(r) {
          const code = r.message.statusCode ?? 0;
          if (code > 100) provisional = true;
          if (code === 180 || code === 183) req.onState?.('ringing');
        },
        onReject(r) {
          sipCode = r.message.statusCode ?? null;
        },
      },
    });
    await Promise.race([established, terminated, gaveUp]);
    clearTimeout(ringTimer);
    if (answeredAt !== null && inviter.state === SessionState.Established) {
      await converse(inviter, req.prompt, keyPressed, terminated, { ...ctx, maxMs: trunk.maxCallSec * 1000 });
    }
    if (inviter.state === SessionState.Established) await hangUp(inviter, timing.byeWaitMs, log);
    // Terminated fires before the rejecting response reaches onReject: read the code a tick later.
    await Promise.race([terminated, gaveUp]);
    await new Promise((resolve) => setImmediate(resolve));
  } catch (error) {
    log('sip: call failed', { error: (error as Error).message });
  } finally {
    clearTimeout(ringTimer);
    ctx.abort.removeEventListener('abort', onAbort);
    agent.transport.stateChange.removeListener(onTransport);
  }
  settled = true;
  const audio = inviter.sessionDescriptionHandler as AudioSession | undefined;
  if (audio && answeredAt !== null) ctx.onMedia?.({ codec: audio.codec, sentAt: audio.sentAt });
  req.onState?.('ended');
  return finish();
}

/** Plays the prompt, listens, plays it once more, listens; a key, the peer's BYE or the limit stops it. */
async function converse(
  inviter: Inviter,
  prompt: Int16Array,
  keyPressed: Promise<Key>,
  terminated: Promise<void>,
  ctx: { timing: CallTiming; abort: AbortSignal; maxMs: number; log: Log },
): Promise<void> {
  const audio = inviter.sessionDescriptionHandler as AudioSession | undefined;
  if (!audio) return;
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ctx.maxMs);
    onAbort = resolve;
    ctx.abort.addEventListener('abort', onAbort, { once: true });
  });
  const stop = Promise.race([keyPressed, terminated, limit]).then(() => 'stop' as const);
  try {
    for (let round = 1; round <= 2; round += 1) {
      ctx.log('sip: prompt', { round, codec: audio.codec });
      if ((await Promise.race([audio.play(prompt).then(() => 'played' as const), stop])) === 'stop') return;
      if ((await Promise.race([delay(ctx.timing.keyWaitMs), stop])) === 'stop') return;
    }
  } finally {
    clearTimeout(timer);
    ctx.abort.removeEventListener('abort', onAbort);
    audio.stopPlayback();
  }
}

/** BYE, then wait for its response so it is not lost when the transport closes right after. */
async function hangUp(inviter: Inviter, waitMs: number, log: Log): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    inviter.bye({ requestDelegate: { onAccept: done, onReject: done } }).catch((error: Error) => {
      log('sip: bye failed', { error: error.message });
      done();
    });
  });
}

function delay(ms: number): Promise<'waited'> {
  return new Promise((resolve) => setTimeout(() => resolve('waited'), ms).unref());
}

/** "+371 2000-0000" → sip:+37120000000@domain; undefined when nothing dialable is left. */
export function dialTarget(number: string, domain: string): ReturnType<typeof UserAgent.makeURI> {
  const digits = number.replace(/[\s\-().]/g, '');
  if (!/^\+?[0-9*#]{2,32}$/.test(digits)) return undefined;
  return UserAgent.makeURI(`sip:${digits}@${domain}`);
}
