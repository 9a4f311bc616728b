import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** A clinic's own website on another origin than the hub's: the pages the chat specs write, served as they are. */
export interface TestSite {
  url: string;
  /** Writes a page and answers its address. */
  page(name: string, html: string): string;
  close(): void;
}

export async function startSite(): Promise<TestSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-site-'));
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename((req.url ?? '/').split('?')[0]!));
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(name, html) {
      fs.writeFileSync(path.join(dir, name), html);
      return `${url}/${name}`;
    },
    close: () => void server.close(),
  };
}

/**
 * A browser context whose own audio and notification APIs are counted: every oscillator started is a note of a chime;
 * a notification keeps its title, body and click, to be clicked as a person would.
 */
export async function observedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    type Shown = { title: string; body: string; onclick: (() => void) | null };
    const w = window as unknown as { __notes: number; __notices: Shown[]; AudioContext: unknown; Notification: unknown };
    w.__notes = 0;
    w.__notices = [];
    const Real = window.AudioContext;
    w.AudioContext = class extends Real {
      override createOscillator() {
        const o = super.createOscillator();
        const start = o.start.bind(o);
        o.start = (when?: number) => {
          w.__notes += 1;
          start(when);
        };
        return o;
      }
    };
    w.Notification = class {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      title: string;
      body: string;
      constructor(title: string, opts?: { body?: string }) {
        this.title = title;
        this.body = opts?.body ?? '';
        w.__notices.push(this);
      }
      close() {}
    };
  });
  return context;
}

/** Notes of chimes played on the page so far. */
export const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: number }).__notes);
/** Notifications shown on the page so far, as `title|body`. */
export const notices = (page: Page) => page.evaluate(() => (window as unknown as { __notices: { title: string; body: string }[] }).__notices.map((n) => `${n.title}|${n.body}`));
