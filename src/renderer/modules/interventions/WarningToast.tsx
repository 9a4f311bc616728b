import { Button, Group, Notification, Portal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EventPayload } from '../../../shared/api';
import { onPush } from '../../app/queryClient';
import { warningLine } from '../../../shared/rules/warningLine';
import { interventionAddress } from './addressed';

type Raised = EventPayload<'interventions.warning'>;

/** Long enough to be read across the room, short enough not to cover the grid all morning. */
const SHOWN_MS = 15_000;

/**
 * New warnings of the user's branches, told at once wherever the user is (main sends them only to those who see
 * the branch). The panel keeps the list; this says what happened and opens the first document it names.
 */
export function WarningToast() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [shown, setShown] = useState<Raised | null>(null);

  useEffect(
    () =>
      onPush((name, payload) => {
        if (name === 'interventions.warning') setShown(payload as Raised);
      }),
    [],
  );
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!shown) return null;
  const first = shown.first;
  return (
    <Portal>
      <Notification
        color="red"
        title={t('interventions.warnings.toastTitle', { count: shown.count })}
        onClose={() => setShown(null)}
        closeButtonProps={{ 'aria-label': t('interventions.warnings.close') }}
        role="status"
        // Mantine draws the line in a grey too light to read (3.3:1) on white.
        styles={{ description: { color: 'var(--mantine-color-text)' } }}
        data-testid="warning-toast"
        style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 500, maxWidth: 420 }}
      >
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" c="var(--mantine-color-text)">
            {warningLine(first.number, first.client, t(`interventions.warnings.kinds.${first.kind}`))}
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            color="red"
            onClick={() => {
              setShown(null);
              void navigate(interventionAddress({ open: first.interventionId }));
            }}
            style={{ flexShrink: 0 }}
            data-testid="warning-toast-open"
          >
            {t('common.open')}
          </Button>
        </Group>
      </Notification>
    </Portal>
  );
}
