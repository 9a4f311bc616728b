import { Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnnexMenu } from '../annexForms/AnnexMenu';
import { EvolutionSheetButton } from './StandardReports';
import type { WorkflowStep } from './useInterventionActions';

export interface FormFooterProps {
  /** The workflow buttons that apply to the document as stored. */
  can: { validate: boolean; confirm: boolean; finalize: boolean; cancel: boolean; print: boolean };
  readOnly: boolean;
  acting: WorkflowStep | 'print' | null;
  saving: boolean;
  loading: boolean;
  onAct(step: WorkflowStep): void;
  onCancelDoc(): void;
  onPrint(): void;
  onClose(): void;
  /** The stored document (for its evolution sheet), and where a refusal of that report goes. */
  id: string | null;
  onRefusal(e: unknown): void;
}

/** The workflow steps on the left; Cancel (or Close) and Save on the right. */
export function FormFooter(p: FormFooterProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        {p.can.validate && (
          <Tooltip label={t('interventions.actions.validateHint')} zIndex={500}>
            <Button variant="light" color="indigo" onClick={() => p.onAct('validate')} loading={p.acting === 'validate'} data-testid="act-validate">
              {t('interventions.actions.validate')}
            </Button>
          </Tooltip>
        )}
        {p.can.confirm && (
          <Button variant="filled" color="teal" onClick={() => p.onAct('confirm')} loading={p.acting === 'confirm'} data-testid="act-confirm">
            {t('interventions.actions.confirm')}
          </Button>
        )}
        {p.can.finalize && (
          <Button variant="filled" color="green" onClick={() => p.onAct('finalize')} loading={p.acting === 'finalize'} data-testid="act-finalize">
            {t('interventions.actions.finalize')}
          </Button>
        )}
        {p.can.cancel && (
          <Button variant="subtle" color="red" onClick={p.onCancelDoc} data-testid="act-cancel">
            {t('interventions.actions.cancelDoc')}
          </Button>
        )}
        {p.can.print && (
          <Button variant="default" onClick={p.onPrint} loading={p.acting === 'print'} data-testid="act-print">
            {t('interventions.actions.print')}
          </Button>
        )}
        {p.id && <EvolutionSheetButton id={p.id} onError={p.onRefusal} />}
        {p.id && <AnnexMenu id={p.id} onError={p.onRefusal} />}
        {!p.readOnly && (
          <Text size="xs" c="dimmed" ml="xs">
            <Kbd size="xs">Ctrl+S</Kbd> {t('common.save')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
          </Text>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" onClick={p.onClose} data-testid="intervention-close">
          {p.readOnly ? t('common.close') : t('common.cancel')}
        </Button>
        {!p.readOnly && (
          <Button type="submit" form="intervention-form" loading={p.saving} disabled={p.loading} data-testid="intervention-save">
            {t('common.save')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
