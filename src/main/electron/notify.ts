import { Notification } from 'electron';
import type { Notice } from './notices';

export { noticeFor, type Notice } from './notices';

/**
 * Notifications on screen. Held here until clicked or closed: a Notification nobody references is collected,
 * and its click handler with it (the click then does nothing).
 */
const shown = new Set<Notification>();

/** Shows a notification; a click brings the window forward. */
export function showNotice(notice: Notice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body });
  const forget = () => shown.delete(n);
  n.on('click', () => {
    forget();
    onClick();
  });
  n.on('close', forget);
  n.on('failed', forget);
  shown.add(n);
  n.show();
}
