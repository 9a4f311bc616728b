import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PushToast, usePushQueue } from '../../components/PushToast';

/**
 * An urgent task its employee has not acknowledged in the organization's minutes: main tells the branch's dispatcher
 * (this toast, and an e-mail). One toast, later ones counted behind it; the dispatcher opens the tasks or dismisses it.
 */
export function EscalatedToast() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { shown, more, dismiss } = usePushQueue('tasks.escalated', { key: (p) => p.taskId });
  if (!shown) return null;
  return (
    <PushToast
      color="red"
      title={t('taskField.escalatedToast', { number: shown.number ?? '—', name: shown.employeeName })}
      more={more}
      onClose={dismiss}
      action={{
        label: t('tasks.title'),
        testId: 'task-escalated-open',
        onClick: () => {
          dismiss();
          void navigate('/tasks');
        },
      }}
      testId="task-escalated-toast"
    >
      <div>{t('taskField.escalated')}</div>
    </PushToast>
  );
}
