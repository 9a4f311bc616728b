import { ImapFlow } from 'imapflow';
import type { Selectable } from 'kysely';
import type { JobDeps } from '../../../api/jobCtx';
import type { TaskMailboxTable } from '../../../db/schema';
import { takeMessages, type Outcome } from './take';

type Mailbox = Selectable<TaskMailboxTable>;

/** The keyword a taken message carries, so the next pass asks the server only for the others. */
export const TAKEN_KEYWORD = '$PlanoraTask';

/** The most messages fetched, then flagged and moved, in one command each. */
const PASS_CHUNK = 50;

export interface WorkerEvents {
  /** A message was taken (or recognised as taken before): for tests and the log. */
  taken?(mailboxId: string, uid: number, outcome: Outcome): void;
  /** A pass over the mailbox ended. */
  passed?(mailboxId: string): void;
}

/**
 * One mailbox's reader: connects, waits for new mail (IDLE when the server offers it, else polls every `poll_sec`),
 * and takes each message not yet marked taken. A message is marked (and moved) only after its task has committed;
 * if we stop or crash in between, the next pass finds its record and only marks it.
 */
export class MailboxWorker {
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(
    private readonly deps: JobDeps,
    readonly box: Mailbox,
    private readonly password: string | null,
    private readonly events: WorkerEvents = {},
  ) {
    this.loop = this.run();
  }

  /** Version of the row the worker was built from: a saved change restarts it. */
  get version(): number {
    return this.box.version;
  }

  private async run(): Promise<void> {
    let backoff = 1_000;
    while (!this.stopped) {
      try {
        await this.session();
        backoff = 1_000;
      } catch (e) {
        if (this.stopped) return;
        // The mailbox's server is out of reach or refused us: one log line, and a later try, never a stack per poll.
        this.deps.log(`task mailbox ${this.box.name}: ${(e as Error).message}`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5 * 60_000);
      }
    }
  }

  private async session(): Promise<void> {
    const client = new ImapFlow({
      host: this.box.host,
      port: this.box.port,
      secure: this.box.tls === 1,
      auth: { user: this.box.login, pass: this.password ?? '' },
      logger: false,
      autoIdleDelay: 300,
      connectionTimeout: 20_000,
    });
    this.client = client;
    client.on('error', () => undefined);
    client.on('exists', () => this.wake?.());
    await client.connect();
    try {
      const idle = client.capabilities.has('IDLE');
      const opened = await client.mailboxOpen(this.box.folder);
      const uidValidity = String(opened.uidValidity);
      if (this.box.done_folder) await client.mailboxCreate(this.box.done_folder).catch(() => undefined);
      while (!this.stopped && client.usable) {
        await this.pass(client, uidValidity);
        this.events.passed?.(this.box.id);
        // With IDLE the server tells of new mail at once; the timer is the safety net (and the poll without it).
        await this.sleep(idle ? Math.max(this.box.poll_sec, 60) * 1000 : this.box.poll_sec * 1000);
      }
    } finally {
      this.client = null;
      await client.logout().catch(() => client.close());
    }
  }

  private async pass(client: ImapFlow, uidValidity: string): Promise<void> {
    const uids = ((await client.search({ unKeyword: TAKEN_KEYWORD }, { uid: true })) || []).sort((a, b) => a - b);
    // A chunk of messages is fetched in one command, taken in one transaction and, once it has committed, flagged and
    // moved in one command each: three round trips and a commit per message made a queue of 1,000 take over a minute.
    // Chunks start at one message and double, so the first request of a pass becomes a task at once.
    for (let i = 0, size = 1; i < uids.length; i += size, size = Math.min(PASS_CHUNK, size * 2)) {
      if (this.stopped) return;
      const chunk = uids.slice(i, i + size);
      const sources = new Map<number, Buffer>();
      // Collected first: no other command may run while a FETCH is being read.
      for await (const msg of client.fetch(chunk.join(','), { uid: true, source: true }, { uid: true })) if (msg.source) sources.set(msg.uid, msg.source);
      const msgs = chunk.flatMap((uid) => (sources.has(uid) ? [{ uid, uidValidity, source: sources.get(uid)! }] : []));
      if (!msgs.length || this.stopped) continue;
      // The chunk's tasks commit together (one commit, not one per message); only then are its messages marked.
      const taken: { uid: number; outcome: Outcome }[] = (await takeMessages(this.deps, this.box, msgs)).map((t, i) => ({ uid: msgs[i]!.uid, outcome: t.outcome }));
      const set = taken.map((t) => t.uid).join(',');
      await client.messageFlagsAdd(set, ['\\Seen', TAKEN_KEYWORD], { uid: true });
      if (this.box.done_folder) await client.messageMove(set, this.box.done_folder, { uid: true });
      for (const t of taken) this.events.taken?.(this.box.id, t.uid, t.outcome);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Ends the session wherever it is (mid-pass too) and waits for the loop to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.loop;
  }
}
