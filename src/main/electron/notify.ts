import { Notification } from 'electron';
import type { HostEvent } from './protocol';

export interface Notice {
  title: string;
  body: string;
}

/**
 * Push events that deserve an OS notification when the window is not in front, and what it says.
 * None yet; reminder outcomes and chat messages will add theirs here.
 */
const NOTICES: Partial<Record<string, (payload: unknown) => Notice | null>> = {};

export function noticeFor(e: HostEvent): Notice | null {
  return NOTICES[e.name]?.(e.payload) ?? null;
}

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
