import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local SMS gateway for tests: a real HTTP server on 127.0.0.1 that records every request it receives and answers
 * what the test tells it (201 with a message id unless told otherwise). Tests only; never imported by the program.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
}

export interface GatewayPeer {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, every request gets 201. */
  answers: Answer[];
  waitFor(n: number, ms?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startGatewayPeer(port = 0): Promise<GatewayPeer> {
  const received: ReceivedRequest[] = [];
  const answers: Answer[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 201, body: JSON.stringify({ sid: `SM${String(received.length).padStart(32, '0')}`, status: 'queued' }) };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    answers,
    waitFor(n, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received.slice(0, n));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the gateway received ${received.length} of ${n} requests`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
