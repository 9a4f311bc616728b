import { useRef, useState } from 'react';
import { ActionIcon, Checkbox, Group, NumberInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TaskTypeSettings } from '../../../shared/api/taskChecklist';
import { fromMinor, minorDigits, toMinor } from '../../../shared/rules/money';
import { call } from '../../app/api';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { KeyButton } from '../../components/screen';
import { useDialogSave } from '../schedule/useDialogSave';

interface Props {
  opened: boolean;
  type: TaskTypeSettings | null;
  currency: string;
  onClose(): void;
}

interface Item {
  /** The stored item's id, or a local key for a new one (never sent). */
  key: string;
  id: string | null;
  text: string;
  required: boolean;
}

const FIELDS = ['name', 'hourlyRateMinor', 'items'] as const;
let fresh = 0;

/** Moves one element of a list by `by` places, staying inside it. */
function moved<T>(list: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A task type: name, hourly rate as money, active, and its checklist template (ordered items, some required). */
function TaskTypeBody(p: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const s = p.type;
  const [name, setName] = useState(s?.name ?? '');
  const [rate, setRate] = useState<number | string>(s?.hourlyRateMinor != null ? fromMinor(s.hourlyRateMinor, p.currency) : '');
  const [active, setActive] = useState(s?.active ?? true);
  const [items, setItems] = useState<Item[]>((s?.items ?? []).map((i) => ({ key: i.id, id: i.id, text: i.text, required: i.required })));
  const box = useRef<HTMLDivElement>(null);
  const done = () => {
    void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.') });
    p.onClose();
  };
  const { errors, failure, busy, save } = useDialogSave(FIELDS, done);
  const edit = (i: number, patch: Partial<Item>) => setItems((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const add = () => {
    setItems((list) => [...list, { key: `new-${++fresh}`, id: null, text: '', required: false }]);
    // The new row's text takes the focus once drawn.
    setTimeout(() => box.current?.querySelector<HTMLInputElement>('[data-last="1"] input')?.focus(), 0);
  };

  const submit = () => {
    const fields = {
      name,
      active,
      hourlyRateMinor: rate === '' ? null : toMinor(Number(rate), p.currency),
      items: items.filter((i) => i.text.trim()).map((i) => ({ id: i.id, text: i.text.trim(), required: i.required })),
    };
    return save(() => call('tasks.types.save', s ? { id: s.id, version: s.version, ...fields } : fields));
  };

  return (
    <Stack gap="xs" data-testid="task-type-dialog">
      <DialogFailure message={failure ?? errors.items} testId="task-type-refusal" />
      <TextInput label={t('taskChecklist.typeName')} value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus required data-testid="task-type-name" />
      <Group grow align="flex-end">
        <NumberInput
          label={`${t('taskChecklist.rate')} (${p.currency})`}
          value={rate}
          onChange={setRate}
          min={0}
          decimalScale={minorDigits(p.currency)}
          fixedDecimalScale
          error={errors.hourlyRateMinor}
          data-testid="task-type-rate"
        />
        <Checkbox label={t('taskChecklist.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mb={8} data-testid="task-type-active" />
      </Group>
      <Text size="sm" fw={500}>
        {t('taskChecklist.items')}
      </Text>
      <Stack gap={4} ref={box} data-testid="task-type-items">
        {items.map((item, i) => (
          <Group key={item.key} gap={6} wrap="nowrap" data-last={i === items.length - 1 ? '1' : undefined}>
            <Text size="xs" c="dimmed" w={18} ta="right">
              {i + 1}
            </Text>
            <TextInput
              style={{ flex: 1 }}
              size="xs"
              aria-label={t('taskChecklist.itemText')}
              value={item.text}
              maxLength={300}
              onChange={(e) => edit(i, { text: e.currentTarget.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && i === items.length - 1) {
                  e.preventDefault();
                  add();
                }
              }}
              data-testid="type-item-text"
            />
            <Checkbox size="xs" label={t('taskChecklist.itemRequired')} checked={item.required} onChange={(e) => edit(i, { required: e.currentTarget.checked })} data-testid="type-item-required" />
            <Tooltip label={t('taskChecklist.up')}>
              <ActionIcon variant="subtle" size="sm" aria-label={t('taskChecklist.up')} disabled={i === 0} onClick={() => setItems((l) => moved(l, i, -1))} data-testid="type-item-up">
                ↑
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('taskChecklist.down')}>
              <ActionIcon variant="subtle" size="sm" aria-label={t('taskChecklist.down')} disabled={i === items.length - 1} onClick={() => setItems((l) => moved(l, i, 1))} data-testid="type-item-down">
                ↓
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('taskChecklist.remove')}>
              <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('taskChecklist.remove')} onClick={() => setItems((l) => l.filter((_, j) => j !== i))} data-testid="type-item-remove">
                ×
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
      <Group>
        <KeyButton size="xs" label={t('taskChecklist.addItem')} onClick={add} data-testid="type-item-add" />
      </Group>
      <DialogButtons onCancel={p.onClose} label={t('common.save')} onConfirm={() => void submit()} busy={busy} testId="task-type-save" />
    </Stack>
  );
}

export const TaskTypeDialog = freshDialog((t, p: Props) => t(p.type ? 'taskChecklist.editType' : 'taskChecklist.newType'), 'lg', TaskTypeBody);
