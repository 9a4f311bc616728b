import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { warningLine } from '../../../shared/rules/warningLine';
import { PushToast, usePushQueue } from '../../components/PushToast';
import { interventionAddress } from './addressed';

/** Long enough to be read across the room, short enough not to cover the grid all morning. */
const SHOWN_MS = 15_000;

/**
 * New warnings of the user's branches, told at once wherever the user is (main sends them only to those who see
 * the branch). The panel keeps the list; this says what happened and opens the first document it names. Each push
 * already counts every new warning, so only the newest is kept.
 */
export function WarningToast() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { shown, clear } = usePushQueue('interventions.warning', { key: () => 'newest', keep: 1, hideAfterMs: SHOWN_MS });
  if (!shown) return null;
  const first = shown.first;
  return (
    <PushToast
      color="red"
      title={t('interventions.warnings.toastTitle', { count: shown.count })}
      onClose={clear}
      closeLabel={t('interventions.warnings.close')}
      action={{
        label: t('common.open'),
        testId: 'warning-toast-open',
        onClick: () => {
          clear();
          void navigate(interventionAddress({ open: first.interventionId }));
        },
      }}
      testId="warning-toast"
    >
      {warningLine(first.number, first.client, t(`interventions.warnings.kinds.${first.kind}`))}
    </PushToast>
  );
}
