import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { announcedUrl } from './fixtures';

// tsx as a loader in this very process (not its CLI, which runs the hub in a child): a kill stops the hub itself.
const HUB = ['--import', 'tsx', 'src/hub/cli.ts'];

export interface TestHub {
  url: string;
  code(...args: string[]): string;
  stop(): Promise<void>;
}

/** The hub's process on `file` (`npm run hub` as it runs); `port` 0 picks one, a given one brings it back there. */
export async function startHub(file: string, port = '0'): Promise<TestHub> {
  const child: ChildProcess = spawn(process.execPath, [...HUB, 'serve', '--sqlite', file, '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await announcedUrl(child, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, 'the hub', 60_000);
  return {
    url,
    code: (...args) => execFileSync(process.execPath, [...HUB, 'code', '--sqlite', file, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export interface Link {
  /** The address a desktop is given for the hub: this link's own port. */
  url: string;
  /** The branch's line goes down: open connections are cut, new ones refused (the hub itself keeps serving others). */
  cut(): Promise<void>;
  /** The line comes back on the same port. */
  mend(): Promise<void>;
}

/**
 * One branch's line to the hub: a plain TCP relay on 127.0.0.1 in front of the hub's port. Cutting it takes that one
 * desktop offline while the other keeps syncing through the hub directly.
 */
export async function linkTo(hubUrl: string): Promise<Link> {
  const target = new URL(hubUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await open();
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const sock of sockets) sock.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
    mend: open,
  };
}
