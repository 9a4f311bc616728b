/**
 * Small building blocks the administration screens share (organization, users, periods, series, audit):
 * a keyboard-driven list table for short lists, a confirm dialog, a screen header and the screen-wide keys.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Alert, Button, CloseButton, Group, Kbd, Modal, Stack, Table, Text, TextInput, Title, VisuallyHidden, type TextInputProps } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { apiError, errorText } from '../app/errors';
import { DialogButtons, DialogFailure } from './DialogButtons';
import { contractResolver } from './form';
import classes from './screen.module.css';
import { EmptyRow } from './tableParts';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /** The header names the column for screen readers only (a column of buttons needs no visible title). */
  headerHidden?: boolean;
}

export interface ListTableProps<T> {
  rows: readonly T[];
  rowKey(row: T): string;
  columns: Column<T>[];
  selected: string | null;
  onSelect(key: string | null): void;
  /** Enter or double click. */
  onOpen?(row: T): void;
  /** Delete key. */
  onDelete?(row: T): void;
  testId: string;
  loading?: boolean;
  /** Rows drawn dimmed (inactive users, inactive series). */
  dimmed?(row: T): boolean;
  label: string;
}

/**
 * A Mantine table for short lists with the keys clerks expect: arrows move the selection,
 * Enter opens, Delete deletes; click selects, double click opens.
 */
export function ListTable<T>(p: ListTableProps<T>) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const index = p.rows.findIndex((r) => p.rowKey(r) === p.selected);

  const moveTo = (i: number) => {
    const row = p.rows[Math.max(0, Math.min(p.rows.length - 1, i))];
    if (!row) return;
    const key = p.rowKey(row);
    p.onSelect(key);
    box.current?.querySelector(`[data-key="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    // Keys typed on a button inside a row belong to that button.
    if (e.target !== e.currentTarget) return;
    const row = index >= 0 ? p.rows[index] : undefined;
    if (e.key === 'ArrowDown') moveTo(index + 1);
    else if (e.key === 'ArrowUp') moveTo(index < 0 ? 0 : index - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(p.rows.length - 1);
    else if (e.key === 'PageDown') moveTo(index + 10);
    else if (e.key === 'PageUp') moveTo(index - 10);
    else if (e.key === 'Enter' && row && p.onOpen) p.onOpen(row);
    else if (e.key === 'Delete' && row && p.onDelete) p.onDelete(row);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={box}
      tabIndex={0}
      role="group"
      aria-label={p.label}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && index < 0 && p.rows.length) moveTo(0);
      }}
      data-testid={p.testId}
      className={classes.list}
    >
      <Table stickyHeader striped highlightOnHover withTableBorder withColumnBorders verticalSpacing={3} horizontalSpacing={8} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {p.columns.map((c) => (
              <Table.Th key={c.key} w={c.width} ta={c.align} style={{ whiteSpace: 'nowrap' }}>
                {c.headerHidden ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.rows.map((r) => {
            const key = p.rowKey(r);
            const sel = key === p.selected;
            return (
              <Table.Tr
                key={key}
                data-key={key}
                aria-selected={sel}
                data-selected={sel || undefined}
                onClick={() => p.onSelect(key)}
                onDoubleClick={() => p.onOpen?.(r)}
                style={{ cursor: 'default', opacity: p.dimmed?.(r) ? 0.55 : undefined }}
              >
                {p.columns.map((c) => (
                  <Table.Td key={c.key} ta={c.align}>
                    {c.render(r)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {!p.rows.length && <EmptyRow colSpan={p.columns.length}>{p.loading ? t('common.loading') : t('grid.noRows')}</EmptyRow>}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The selection of a ListTable over a query's rows: the props the table takes, and the row selected (or null). */
export function useListSelection<T>(rows: readonly T[] | undefined, rowKey: (row: T) => string, loading: boolean, initial: string | null = null) {
  const [selected, setSelected] = useState<string | null>(initial);
  const list = rows ?? [];
  const current = list.find((r) => rowKey(r) === selected) ?? null;
  return { current, select: setSelected, table: { rows: list, rowKey, selected, onSelect: setSelected, loading } };
}

/** A screen's search box: Ctrl+F shown while empty, a clear button once something is typed. */
export function SearchBox({
  value,
  onValueChange,
  ref,
  keyInside = true,
  ...rest
}: { value: string; onValueChange(v: string): void; ref?: React.Ref<HTMLInputElement>; /** false: the screen shows Ctrl+F elsewhere (its label), leaving the box to the hint. */ keyInside?: boolean } & Omit<TextInputProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={ref}
      value={value}
      onChange={(e) => onValueChange(e.currentTarget.value)}
      maxLength={100}
      aria-label={t('common.search')}
      rightSection={value ? <CloseButton size="xs" tabIndex={-1} aria-label={t('common.clearSearch')} onClick={() => onValueChange('')} /> : keyInside && <Kbd size="xs">Ctrl+F</Kbd>}
      rightSectionWidth={value ? 28 : keyInside ? 56 : undefined}
      {...rest}
    />
  );
}

/** A screen's heading, drawn at the dense h4 size: its one h1 by default (a section passes `order={2}`). */
export function ScreenTitle({ children, ...rest }: React.ComponentProps<typeof Title>) {
  return (
    <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }} {...rest}>
      {children}
    </Title>
  );
}

/** Title on the left, the screen's buttons on the right; a section of the screen (`level` 2) looks the same. */
export function ScreenHeader({ title, level = 1, children }: { title: string; level?: 1 | 2; children?: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" mih={30}>
      <ScreenTitle order={level}>{title}</ScreenTitle>
      <Group gap={6} wrap="wrap" justify="flex-end">
        {children}
      </Group>
    </Group>
  );
}

/** A toolbar button that names its shortcut. */
export function KeyButton({ label, keys, ...rest }: { label: string; keys?: string } & React.ComponentProps<typeof Button<'button'>>) {
  return (
    <Button variant="default" rightSection={keys ? <Kbd size="xs">{keys}</Kbd> : undefined} {...rest}>
      {label}
    </Button>
  );
}

/**
 * Insert and F5 anywhere on the screen (not while typing in a field, not while a dialog is open).
 * The handlers are read at key time (`useHotkeys`), so callers pass fresh closures without re-binding.
 */
export function useScreenKeys(keys: { onInsert?: () => void; onRefresh?: () => void; enabled: boolean }) {
  // F5 is the screen's even in a field (the browser's reload would lose the screen); Insert only outside fields.
  useHotkeys([['F5', () => keys.enabled && keys.onRefresh?.()]], []);
  useHotkeys([['Insert', () => keys.enabled && keys.onInsert?.(), { preventDefault: keys.enabled && !!keys.onInsert }]]);
}

/**
 * Ctrl+F (⌘F) goes to the screen's search box from anywhere on it, a field included, and selects what it holds.
 * `enabled` false (a dialog is open over the screen): the key is left to the browser.
 */
export function useFindShortcut(searchBox: RefObject<HTMLInputElement | null>, enabled = true) {
  useHotkeys(
    [
      [
        'mod+F',
        () => {
          if (!enabled) return;
          searchBox.current?.focus();
          searchBox.current?.select();
        },
        { preventDefault: enabled },
      ],
    ],
    [],
  );
}

/** A question with a confirm button; a refusal from main is shown inside, translated, and the dialog stays open. */
export function ConfirmDialog(p: {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  /** Names the dialog (and its `-ok` button) for tests; default `confirm-dialog` / `confirm-ok`. */
  testId?: string;
  onConfirm(): Promise<unknown> | void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  // The confirmed action's busy state and refusal; a reopened dialog starts without the last refusal.
  const confirm = useMutation({ mutationFn: async () => void (await p.onConfirm()), onSuccess: () => p.onClose() });
  // Callers clear what they were confirming as the dialog closes; keep showing it while the dialog fades out.
  const asked = { title: p.title, message: p.message, confirmLabel: p.confirmLabel, color: p.color };
  const [shown, setShown] = useState(asked);
  const changed = shown.title !== asked.title || shown.message !== asked.message || shown.confirmLabel !== asked.confirmLabel || shown.color !== asked.color;
  if (p.opened && changed) setShown(asked);
  const c = p.opened ? asked : shown;
  const { reset } = confirm;
  useEffect(() => {
    if (p.opened) reset();
  }, [p.opened, reset]);
  const failure = confirm.error ? errorText(t, confirm.error) : null;

  return (
    <Modal opened={p.opened} onClose={p.onClose} title={<Title order={5}>{c.title}</Title>} size="sm" zIndex={300} data-testid={p.testId ?? 'confirm-dialog'}>
      <Stack gap="sm">
        <Text size="sm">{c.message}</Text>
        <DialogFailure message={failure} testId="confirm-error" />
        <DialogButtons
          onCancel={p.onClose}
          label={c.confirmLabel}
          color={c.color ?? 'red'}
          busy={confirm.isPending}
          onConfirm={() => confirm.mutate()}
          autoFocus
          testId={p.testId ? `${p.testId}-ok` : 'confirm-ok'}
        />
      </Stack>
    </Modal>
  );
}

/** A refusal shown above a list, dismissable. */
export function ErrorBanner({ message, onClose }: { message: string | null; onClose(): void }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" p="xs" withCloseButton onClose={onClose} data-testid="screen-error">
      {message}
    </Alert>
  );
}

/**
 * The contract's resolver after turning what an empty input means into what the contract expects
 * (an empty optional phone is "no phone", not an invalid one). What it hands on is the contract's parsed input.
 */
export function cleanedResolver<T extends FieldValues, S extends z.ZodType>(schema: S, clean: (values: T) => unknown): Resolver<T, unknown, z.output<S>> {
  const base = contractResolver<T, z.output<S>>(schema);
  return (values, ctx, opts) => base(clean(values) as T, ctx, opts);
}

export function blankToNull(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? null : v;
}

export function blankToUndefined(v: unknown): unknown {
  return v === '' || v === null ? undefined : v;
}
