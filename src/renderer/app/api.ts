import type { EventName, Input, Output, ProcName } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/api/errors';
import type { PlanoraBridge } from '../../shared/api/bridge';

declare global {
  interface Window {
    planora?: PlanoraBridge;
  }
}

export class ApiCallError extends Error {
  constructor(public readonly error: ApiError) {
    super(error.key);
  }
}

type SessionListener = () => void;
const sessionEnded = new Set<SessionListener>();
/** Called whenever main says the session is gone, so the app can show the login screen. */
export function onSessionEnded(l: SessionListener): () => void {
  sessionEnded.add(l);
  return () => sessionEnded.delete(l);
}

async function httpCall(name: string, input: unknown): Promise<ApiResult<unknown>> {
  const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input ?? {}),
    credentials: 'same-origin',
  });
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', key: 'errors.network' } };
  }
}

/** Calls a procedure of the contract; the caller never knows which transport carries it. */
export async function call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>> {
  let result: ApiResult<unknown>;
  try {
    result = window.planora ? await window.planora.call(name, input) : await httpCall(name, input);
  } catch {
    result = { ok: false, error: { code: 'internal', key: 'errors.network' } };
  }
  if (!result.ok) {
    if (result.error.code === 'unauthenticated' && name !== 'auth.login') for (const l of sessionEnded) l();
    throw new ApiCallError(result.error);
  }
  return result.data as Output<N>;
}

type EventListener = (name: EventName, payload: unknown) => void;

/** Push events from main: IPC in Electron, a WebSocket (reconnecting) in web mode. */
export function subscribeEvents(listener: EventListener): () => void {
  if (window.planora) return window.planora.onEvent((e) => listener(e.name as EventName, e.payload));
  let socket: WebSocket | undefined;
  let stopped = false;
  let delay = 500;
  const connect = () => {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${proto}://${location.host}/api/events`);
    socket.onopen = () => {
      delay = 500;
    };
    socket.onmessage = (m) => {
      try {
        const e = JSON.parse(String(m.data)) as { name: EventName; payload: unknown };
        listener(e.name, e.payload);
      } catch {
        /* a malformed frame is ignored */
      }
    };
    socket.onclose = (ev) => {
      if (stopped || ev.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();
  return () => {
    stopped = true;
    socket?.close();
  };
}
