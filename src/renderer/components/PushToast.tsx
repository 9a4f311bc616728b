import { Badge, Button, Group, Notification, Portal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventName, EventPayload } from '../../shared/api';
import { onPush } from '../app/queryClient';

/** The fixed column at the bottom right that the toasts of pushed events share: two kinds at once stack, never overlap. */
export function PushToastStack({ children }: { children: ReactNode }) {
  return (
    <Portal>
      <Stack gap={8} style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 500, maxWidth: 440, pointerEvents: 'none' }} data-testid="push-toasts">
        {children}
      </Stack>
    </Portal>
  );
}

/** The queue after one more push: newest first, an earlier push of the same key replaced, at most `keep`. */
export function enqueue<T>(queue: readonly T[], pushed: T, key: (p: T) => string, keep: number): T[] {
  return [pushed, ...queue.filter((o) => key(o) !== key(pushed))].slice(0, keep);
}

/**
 * Pushed events of one name, kept in a short queue (newest first, one per key, at most `keep`): the toast shows the
 * newest and counts the rest, so a busy morning never stacks toasts endlessly. Dismissing one shows the next;
 * `hideAfterMs` empties the queue when nothing new came for that long.
 */
export function usePushQueue<E extends EventName>(name: E, opts: { key(p: EventPayload<E>): string; keep?: number; hideAfterMs?: number }) {
  const [queue, setQueue] = useState<EventPayload<E>[]>([]);
  const { key, keep = 10, hideAfterMs } = opts;
  useEffect(
    () =>
      onPush((n, payload) => {
        if (n !== name) return;
        const p = payload as EventPayload<E>;
        setQueue((q) => enqueue(q, p, key, keep));
      }),
    // The options are the caller's constants; the subscription lives as long as the toast.
    [name], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const newest = queue[0] ?? null;
  useEffect(() => {
    if (!newest || !hideAfterMs) return;
    const timer = setTimeout(() => setQueue([]), hideAfterMs);
    return () => clearTimeout(timer);
  }, [newest, hideAfterMs]);
  return {
    shown: newest,
    /** How many more wait behind the one shown. */
    more: Math.max(0, queue.length - 1),
    dismiss: () => setQueue((q) => q.slice(1)),
    clear: () => setQueue([]),
  };
}

export interface PushToastProps {
  color: string;
  title: string;
  /** How many more of the same kind wait behind this one (shown as "+N"). */
  more?: number;
  children: ReactNode;
  action: { label: string; onClick(): void; testId: string };
  onClose(): void;
  /** The close button's name, when the toast's own words say it better than "Close". */
  closeLabel?: string;
  testId: string;
}

/**
 * A toast telling of something main pushed: a title, a line or two, one action and a close button. Reachable by Tab
 * like any control; Esc inside it dismisses it. It takes no focus by itself: the clerk may be typing.
 */
export function PushToast(p: PushToastProps) {
  const { t } = useTranslation();
  return (
    <Notification
      color={p.color}
      title={
        <Group gap={6} wrap="nowrap">
          <span>{p.title}</span>
          {!!p.more && (
            <Badge size="sm" variant="light" color={p.color} data-testid={`${p.testId}-more`}>
              +{p.more}
            </Badge>
          )}
        </Group>
      }
      onClose={p.onClose}
      closeButtonProps={{ 'aria-label': p.closeLabel ?? t('common.close') }}
      role="status"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        p.onClose();
      }}
      // Mantine draws the line in a grey too light to read (3.3:1) on white.
      styles={{ description: { color: 'var(--mantine-color-text)' } }}
      style={{ pointerEvents: 'auto' }}
      data-testid={p.testId}
    >
      <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-end">
        <Text size="sm" c="var(--mantine-color-text)" component="div">
          {p.children}
        </Text>
        <Button size="compact-sm" variant="light" color={p.color} onClick={p.action.onClick} style={{ flexShrink: 0 }} data-testid={p.action.testId}>
          {p.action.label}
        </Button>
      </Group>
    </Notification>
  );
}
