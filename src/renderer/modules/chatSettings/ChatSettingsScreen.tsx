import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { ErrorBanner, KeyButton, ScreenHeader, useScreenKeys } from '../../components/screen';
import { OperatorsTable } from './OperatorsTable';
import { OrgChatForm } from './OrgChatForm';

/**
 * The website chat's settings: how a new conversation finds its person (strategy, escalation, load), what the widget
 * asks first and says in greeting, and each employee's levels. Managers and owners change them; others read.
 */
export function ChatSettingsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const readOnly = !can('chat', 'approve');
  const settings = useApiQuery('chatSettings.get', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('chatSettings.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });

  return (
    <div className="planora-page" data-testid="chat-settings-screen">
      <ScreenHeader title={t('chatSettings.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      {readOnly && (
        <Text size="sm" c="dimmed" data-testid="chat-read-only">
          {t('chatSettings.readOnly')}
        </Text>
      )}
      {settings.data && <OrgChatForm settings={settings.data.org} readOnly={readOnly} />}
      <ScreenHeader title={t('chatSettings.employees')} level={2} />
      <Text size="sm" c="dimmed">
        {t('chatSettings.employeesHint')}
      </Text>
      {settings.data && <OperatorsTable operators={settings.data.operators} readOnly={readOnly} />}
    </div>
  );
}
