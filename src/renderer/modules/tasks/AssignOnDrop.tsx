import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../interventions/selects';

export interface PendingAssign {
  taskId: string;
  branchId: string;
  number: string | null;
  status: string;
}

/**
 * A card dropped on a column that needs someone on the task (assigned and beyond) while nobody is: the board asks who,
 * as the form does by its assignee field, and main checks the move and the person with the same rules.
 */
export function AssignOnDrop({ pending, onAssign, onCancel }: { pending: PendingAssign | null; onAssign(assigneeId: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<string | null>(null);
  const close = () => {
    setWho(null);
    onCancel();
  };
  return (
    <Modal opened={!!pending} onClose={close} size="sm" title={pending ? `${t('tasks.task')} ${pending.number ?? ''} → ${t(`tasks.status.${pending.status}`)}` : ''}>
      <Stack gap="xs" data-testid="board-assign">
        <Text size="sm">{t('taskGrid.chooseAssignee')}</Text>
        <UserSelect label={t('tasks.field.assignee')} branchId={pending?.branchId} value={who} onChange={setWho} data-autofocus data-testid="board-assignee" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!who}
            onClick={() => {
              if (!who) return;
              setWho(null);
              onAssign(who);
            }}
            data-testid="board-assign-ok"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
