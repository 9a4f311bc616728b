import { app, session, type Session, type WebContents } from 'electron';
import { isAppOrigin, isAppPage } from './app-protocol';
import { desktopContentSecurityPolicy } from './csp';

/**
 * What every window and every request of this app is held to, set once for all web contents:
 * no navigation away from our page, no new windows, no <webview>, no permissions but one, a strict CSP.
 */

/** Writing to the clipboard (copy a phone number, a cell) from our own page; reading it stays denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function lockDownSession(ses: Session = session.defaultSession): void {
  // Covers anything served over http(s) (nothing is, today); app:// answers carry the CSP themselves.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [desktopContentSecurityPolicy()] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(requestingOrigin));
  // The renderer has nothing to download; exports are written by main behind a save dialog.
  ses.on('will-download', (event) => event.preventDefault());
}

function guard(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies the guards to every web contents ever created, including ones a future feature adds. */
export function guardAllContents(): void {
  app.on('web-contents-created', (_event, contents) => guard(contents));
}
