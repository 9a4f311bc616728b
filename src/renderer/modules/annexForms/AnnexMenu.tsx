import { useState } from 'react';
import { Button, Group, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FileAction } from '../../../shared/api/reports';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { openProducedFile } from '../../app/files';

const ACTIONS: FileAction[] = ['open', 'print', 'save'];

/** The annex forms of the open document (its type's and the general ones): each opens, prints or saves as PDF like the form. */
export function AnnexMenu(p: { id: string; onError(e: unknown): void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const templates = useApiQuery('annexForms.list', { interventionId: p.id }, { enabled: opened });
  const label = { open: t('common.open'), print: t('interventions.actions.print'), save: t('files.saveAs') };
  const run = async (templateId: string, action: FileAction) => {
    setRunning(`${templateId}-${action}`);
    try {
      await openProducedFile(await call('annexForms.print', { interventionId: p.id, templateId }), action);
    } catch (e) {
      p.onError(e);
    } finally {
      setRunning(null);
    }
  };
  return (
    <Menu opened={opened} onChange={setOpened} position="top-start" zIndex={500} closeOnItemClick={false}>
      <Menu.Target>
        <Button variant="default" loading={!!running} data-testid="act-annex">
          {t('annex.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="annex-menu">
        <Menu.Label>{t('annex.menuLabel')}</Menu.Label>
        {templates.data?.length === 0 && (
          <Text size="xs" c="dimmed" px={8} py={4} data-testid="annex-menu-empty">
            {t('annex.none')}
          </Text>
        )}
        {templates.data?.map((tpl) => (
          <Group key={tpl.id} gap={4} wrap="nowrap" px={6} py={2} data-testid={`annex-item-${tpl.name}`}>
            <Text size="xs" style={{ flex: 1 }} truncate>
              {tpl.name}
            </Text>
            {ACTIONS.map((a) => (
              <Button key={a} size="compact-xs" variant="subtle" loading={running === `${tpl.id}-${a}`} onClick={() => void run(tpl.id, a)} data-testid={`annex-${a}`}>
                {label[a]}
              </Button>
            ))}
          </Group>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
