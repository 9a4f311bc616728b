import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PushToast, usePushQueue } from '../../components/PushToast';

/** A manager sent one of my tasks back: who and why, at once, whatever screen I am on (main sends it to the assignee only). */
export function TaskRejectedToast() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { shown, more, dismiss } = usePushQueue('tasks.rejected', { key: (p) => `${p.taskId}:${p.reason}` });
  if (!shown) return null;
  return (
    <PushToast
      color="orange"
      title={t('taskChecklist.toastTitle', { number: shown.number ?? '' })}
      more={more}
      onClose={dismiss}
      action={{
        label: t('taskChecklist.toastOpen'),
        testId: 'task-rejected-open',
        onClick: () => {
          dismiss();
          void navigate('/tasks');
        },
      }}
      testId="task-rejected-toast"
    >
      <div data-testid="task-rejected-reason">{`${shown.by}: ${shown.reason}`}</div>
    </PushToast>
  );
}
