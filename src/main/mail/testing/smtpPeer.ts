import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (npm smtp-server) on 127.0.0.1 for tests: it speaks the protocol, checks logins,
 * can refuse recipients, and keeps every message it accepted as raw bytes. Tests only; never imported by the program.
 */

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpPeerOptions {
  /** Require this login; without it the server takes mail from anyone. */
  login?: { user: string; password: string };
  /** Recipients answered with 550 at RCPT TO. */
  reject?: string[];
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  logins: { user: string; password: string }[];
  /** Resolves once `n` messages have arrived (or rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A port nothing listens on right now (for "the server is down"), to start a peer on later. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startSmtpPeer(opts: SmtpPeerOptions = {}, port = 0): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const logins: { user: string; password: string }[] = [];
  const waiters = new Set<() => void>();
  const reject = new Set((opts.reject ?? []).map((a) => a.toLowerCase()));

  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust; the client still offers to upgrade when told it can.
    disabledCommands: ['STARTTLS'],
    authOptional: !opts.login,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      if (opts.login && (auth.username !== opts.login.user || auth.password !== opts.login.password)) {
        cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        return;
      }
      cb(null, { user: auth.username });
    },
    onRcptTo(address, _session, cb) {
      if (reject.has(address.address.toLowerCase())) {
        cb(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom;
        received.push({ mailFrom: from ? from.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed: parseMail(raw) });
        for (const w of waiters) w();
        cb();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = ((server as unknown as { server: net.Server }).server.address() as net.AddressInfo).port;

  return {
    port: actual,
    received,
    logins,
    waitFor(n, ms = 10_000) {
      return new Promise((resolve, rejectWait) => {
        const check = () => {
          if (received.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          rejectWait(new Error(`expected ${n} messages, got ${received.length}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- reading what arrived (RFC 5322 headers, RFC 2047 words, MIME parts, QP and base64) ----

export interface ParsedMail {
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
  subject: string;
  from: string;
  to: string;
  contentType: string;
  text: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  if (i < 0) return { head: raw, body: '' };
  const sep = raw.slice(i).startsWith('\r\n\r\n') ? 4 : raw.slice(i).startsWith('\r\n\n') || raw.slice(i).startsWith('\n\r\n') ? 3 : 2;
  return { head: raw.slice(0, i), body: raw.slice(i + sep) };
}

function parseHeaders(head: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const name = line.slice(0, c).trim().toLowerCase();
    out.set(name, [...(out.get(name) ?? []), line.slice(c + 1).trim()]);
  }
  return out;
}

function bytesToString(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset.toLowerCase() === 'us-ascii' ? 'utf-8' : charset).decode(bytes);
}

function qpBytes(s: string, inHeader: boolean): Uint8Array {
  const src = inHeader ? s.replace(/_/g, ' ') : s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      out.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Uint8Array.from(out);
}

/** "=?UTF-8?B?…?= =?UTF-8?Q?…?=" → text; whitespace between two encoded words disappears. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) =>
      bytesToString(enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data, true), charset),
    );
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeBody(body: string, headers: Map<string, string[]>): string {
  const type = headers.get('content-type')?.[0] ?? 'text/plain; charset=us-ascii';
  const charset = param(type, 'charset') ?? 'utf-8';
  const cte = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').toLowerCase();
  if (cte === 'base64') return bytesToString(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  if (cte === 'quoted-printable') return bytesToString(qpBytes(body, false), charset);
  return body;
}

/** The first text/plain part, walking into multiparts. */
function textOf(headers: Map<string, string[]>, body: string): string {
  const type = headers.get('content-type')?.[0] ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, 'boundary');
    if (!boundary) return '';
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const { head, body: partBody } = splitHead(part.replace(/^\r?\n/, ''));
      const found = textOf(parseHeaders(head), partBody.replace(/\r?\n$/, ''));
      if (found) return found;
    }
    return '';
  }
  return /^text\/plain/i.test(type) ? decodeBody(body, headers).replace(/\r\n/g, '\n') : '';
}

export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const header = (name: string) => {
    const v = headers.get(name.toLowerCase())?.[0];
    return v === undefined ? undefined : decodeWords(v);
  };
  return {
    headers,
    header,
    subject: header('subject') ?? '',
    from: header('from') ?? '',
    to: header('to') ?? '',
    contentType: headers.get('content-type')?.[0] ?? '',
    text: textOf(headers, body),
  };
}
