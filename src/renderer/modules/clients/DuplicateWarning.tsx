import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '../../../shared/api/clients';
import { TableHead } from '../../components/tableParts';

/**
 * Shown before saving when a phone, e-mail or fiscal code already belongs to another client.
 * Focus starts on Cancel, so a habitual Enter does not create a duplicate; Tab reaches "Save anyway".
 */
export function DuplicateWarning(p: { matches: DuplicateMatch[] | null; saving: boolean; onSaveAnyway(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const fieldLabel = { phone: t('fields.phone'), email: t('fields.email'), fiscalCode: t('fields.fiscalCode') };
  return (
    <Modal opened={!!p.matches} onClose={p.onCancel} title={t('clients.duplicates.title')} size="lg" zIndex={300} data-testid="duplicate-warning">
      <Stack gap="sm">
        <Text size="sm">{t('clients.duplicates.intro')}</Text>
        <Table withTableBorder withColumnBorders verticalSpacing={3} horizontalSpacing={8} fz="sm" data-testid="duplicate-list">
          <TableHead titles={[t('clients.duplicates.what'), t('clients.duplicates.value'), t('clients.duplicates.client')]} />
          <Table.Tbody>
            {(p.matches ?? []).map((m, i) => (
              <Table.Tr key={`${m.kind}-${m.clientId}-${i}`}>
                <Table.Td>{fieldLabel[m.kind]}</Table.Td>
                <Table.Td>{m.value}</Table.Td>
                <Table.Td fw={600}>{m.clientName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t('clients.duplicates.question')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onCancel} data-autofocus data-testid="duplicate-cancel">
            {t('common.cancel')}
          </Button>
          <Button color="orange" onClick={p.onSaveAnyway} loading={p.saving} data-testid="duplicate-save-anyway">
            {t('common.saveAnyway')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
