import { useState } from 'react';
import { Checkbox, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChatOperator } from '../../../shared/api/chatSettings';
import { LEVEL_MAX, LEVEL_MIN } from '../../../shared/chat/routing';
import { call } from '../../app/api';
import { apiQueryKey } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { ErrorBanner } from '../../components/screen';
import { OperatorPhoto } from './OperatorPhoto';

const LEVELS = Array.from({ length: LEVEL_MAX - LEVEL_MIN + 1 }, (_, i) => String(LEVEL_MIN + i));

/** Each employee's experience and cost level and text-message wish, saved as soon as it is changed. */
export function OperatorsTable({ operators, readOnly }: { operators: ChatOperator[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const save = async (o: ChatOperator, patch: Partial<Pick<ChatOperator, 'experience' | 'cost' | 'smsOnStart' | 'photoUrl'>>) => {
    setFailure(null);
    setBusy(o.userId);
    try {
      const next = { experience: o.experience, cost: o.cost, smsOnStart: o.smsOnStart, ...patch };
      const saved = await call('chatSettings.saveOperator', { userId: o.userId, version: o.version, ...next });
      qc.setQueryData(apiQueryKey('chatSettings.get', {}), saved);
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };
  const level = (o: ChatOperator, key: 'experience' | 'cost') => (
    <Select
      aria-label={`${t(`chatSettings.${key}`)}: ${o.name}`}
      data={LEVELS.map((l) => ({ value: l, label: t(`chatSettings.levels.${key}.${l}`) }))}
      value={String(o[key])}
      onChange={(v) => v && void save(o, { [key]: Number(v) })}
      allowDeselect={false}
      readOnly={readOnly}
      disabled={busy === o.userId}
      size="xs"
      w={170}
      data-testid={`chat-${key}-${o.name}`}
    />
  );

  return (
    <Paper withBorder p="xs">
      <ErrorBanner message={failure} onClose={() => setFailure(null)} />
      <Table striped highlightOnHover verticalSpacing={4} data-testid="chat-operators">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('chatSettings.employee')}</Table.Th>
            <Table.Th>{t('chatSettings.experience')}</Table.Th>
            <Table.Th>{t('chatSettings.cost')}</Table.Th>
            <Table.Th>{t('chatSettings.smsOnStart')}</Table.Th>
            <Table.Th>{t('chatSettings.photo')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {operators.map((o) => (
            <Table.Tr key={o.userId} data-testid={`chat-operator-${o.name}`}>
              <Table.Td>
                <Text size="sm">{o.name}</Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${o.role}`)}
                </Text>
              </Table.Td>
              <Table.Td>{level(o, 'experience')}</Table.Td>
              <Table.Td>{level(o, 'cost')}</Table.Td>
              <Table.Td>
                <Tooltip label={o.phone ? o.phone : t('chatSettings.noPhone')} withArrow>
                  <span>
                    <Checkbox
                      aria-label={`${t('chatSettings.smsOnStart')}: ${o.name}`}
                      checked={o.smsOnStart}
                      onChange={(e) => void save(o, { smsOnStart: e.currentTarget.checked })}
                      disabled={readOnly || busy === o.userId || (!o.phone && !o.smsOnStart)}
                      data-testid={`chat-sms-${o.name}`}
                    />
                  </span>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <OperatorPhoto operator={o} readOnly={readOnly} busy={busy === o.userId} onSave={(photoUrl) => void save(o, { photoUrl })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
