import { demoServer, expect, loginAs, test } from './fixtures';

/**
 * Web mode sends the desktop window's Content-Security-Policy, whose connect-src is only 'self': the browser must
 * still let the page open its own event socket (CSP Level 3 counts ws: on the same host and port as 'self'),
 * and the page must load without a single policy violation.
 */

const server = demoServer();

test('the page runs under the shared CSP and its event socket opens', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(server.url);
  expect(response!.headers()['content-security-policy']).toContain("connect-src 'self'");
  await loginAs(page, server.url, 'owner');
  // The renderer's own socket is already open; a second one shows the policy lets it through, then sees our change.
  // Other events (a reminders job's tick) may come first, so the socket waits for the one this page caused.
  const event = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api/events`);
        ws.onerror = () => reject(new Error('socket refused'));
        ws.onopen = () =>
          void fetch('/api/call/clients.create', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'person', name: 'Socket Person', phones: [], emails: [], addresses: [], contacts: [] }),
          });
        ws.onmessage = (m) => {
          const name = (JSON.parse(String(m.data)) as { name: string }).name;
          if (name !== 'clients.changed') return;
          ws.close();
          resolve(name);
        };
      }),
  );
  expect(event).toBe('clients.changed');
  expect(violations).toEqual([]);
});
