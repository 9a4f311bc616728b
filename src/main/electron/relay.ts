import type { ApiResult } from '../../shared/api/errors';
import type { CallOutcome, CallRequest } from '../api/dispatcher';
import type { ReadableAttachment } from '../modules/interventions/attachmentAccess';
import type { HostEvent } from './protocol';
import type { EventName } from '../../shared/api';
import { mayReceive } from '../api/events';
import type { ScopeUser } from '../api/visibility';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/**
 * Binds windows to the core without Electron in sight (so it is tested against a real core):
 * each window's session token stays here, in main, and push events reach only the windows
 * whose logged-in user may read what the event names (api/events.ts `mayReceive`).
 */

export interface WindowEvent {
  name: string;
  payload: unknown;
}

interface WindowSession {
  token: string | null;
  orgId: string | null;
  /** The logged-in user as the core last described them (role and branches decide which events they hear). */
  user: ScopeUser | null;
  /** The user's language, for what main itself says to them (OS notifications). */
  language: Language;
  send: (e: WindowEvent) => void;
}

/** Procedures whose answer is the session user, and so tell which organization the window now belongs to. */
const ANSWERS_SESSION_USER = new Set(['auth.login', 'setup.run', 'auth.me', 'auth.setLanguage']);

export class Relay {
  private readonly windows = new Map<number, WindowSession>();

  constructor(
    private readonly dispatch: (req: CallRequest) => Promise<CallOutcome>,
    /** The core's attachment check for a session (attachmentForSession), behind the desktop's openFile. */
    private readonly findAttachment: (req: { sha: string; sessionToken: string | null }) => Promise<ReadableAttachment | null> = async () => null,
  ) {}

  /** Registers a window (by its webContents id); the returned function forgets it and its session. */
  attach(windowId: number, send: (e: WindowEvent) => void): () => void {
    this.windows.set(windowId, { token: null, orgId: null, user: null, language: 'en', send });
    return () => this.windows.delete(windowId);
  }

  async call(windowId: number, name: string, input: unknown): Promise<ApiResult<unknown>> {
    const w = this.windows.get(windowId);
    if (!w) return { ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } };
    const outcome = await this.dispatch({ name, input, sessionToken: w.token });
    this.track(w, name, outcome);
    return outcome.result;
  }

  publish(e: HostEvent): void {
    for (const w of this.windows.values()) {
      if (w.user !== null && mayReceive(w.user, { ...e, name: e.name as EventName })) {
        try {
          w.send({ name: e.name, payload: e.payload });
        } catch {
          // A window being torn down must not keep the others from hearing about a change.
        }
      }
    }
  }

  /**
   * Who is logged in in a window, asked of the core (so a session that expired answers null, and stops that
   * window's events like any call would); for main's own checks, e.g. whose generated files the window may open.
   */
  async sessionUser(windowId: number): Promise<{ id: string; orgId: string } | null> {
    if (!this.windows.get(windowId)?.token) return null;
    const r = await this.call(windowId, 'auth.me', {});
    const user = r.ok ? (r.data as { id?: unknown; orgId?: unknown } | null) : null;
    return typeof user?.id === 'string' && typeof user.orgId === 'string' ? { id: user.id, orgId: user.orgId } : null;
  }

  /** A timeline file the window's logged-in user may read, checked by the core with that window's own session. */
  async attachment(windowId: number, sha: string): Promise<ReadableAttachment | null> {
    const token = this.windows.get(windowId)?.token ?? null;
    return token ? this.findAttachment({ sha, sessionToken: token }) : null;
  }

  /** Whether the window's logged-in user may hear the event (the rule every window's events follow): for OS notifications. */
  mayHear(windowId: number, e: HostEvent): boolean {
    const w = this.windows.get(windowId);
    return !!w?.user && mayReceive(w.user, { ...e, name: e.name as EventName });
  }

  /** The language of the window's user (English until someone logs in). */
  languageOf(windowId: number): Language {
    return this.windows.get(windowId)?.language ?? 'en';
  }

  /** The organization a window's user belongs to (null when logged out); for main's own use, e.g. notifications. */
  orgOf(windowId: number): string | null {
    return this.windows.get(windowId)?.orgId ?? null;
  }

  private track(w: WindowSession, name: string, outcome: CallOutcome): void {
    if (outcome.sessionToken !== undefined) {
      w.token = outcome.sessionToken;
      if (w.token === null) w.orgId = w.user = null;
    }
    const r = outcome.result;
    if (r.ok && ANSWERS_SESSION_USER.has(name)) {
      const u = r.data as Partial<ScopeUser> | null;
      w.orgId = typeof u?.orgId === 'string' ? u.orgId : null;
      w.user = w.orgId !== null && typeof u?.id === 'string' && typeof u.role === 'string' && Array.isArray(u.branchIds) ? (u as ScopeUser) : null;
      const language = (u as { language?: unknown } | null)?.language;
      w.language = isLanguage(language) ? language : 'en';
      // auth.me answers null once the session has expired: the token is dead too.
      if (w.orgId === null) w.token = null;
    } else if (!r.ok && r.error.code === 'unauthenticated' && name !== 'auth.login') {
      // The session ended (expired, or the user was disabled): stop routing that org's events here.
      // A failed login says nothing about the session already open in this window.
      w.token = null;
      w.orgId = w.user = null;
    }
  }
}
