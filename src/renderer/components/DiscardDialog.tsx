import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './screen';

/** The record drawer's "discard what was typed?" question (`useRecordDrawer().discard`); only its message is the form's own. */
export function DiscardDialog(p: { discard: { opened: boolean; onConfirm(): void; onClose(): void }; message: string; testId: string }) {
  const { t } = useTranslation();
  return <ConfirmDialog {...p.discard} title={t('common.discardTitle')} message={p.message} confirmLabel={t('common.discard')} color="orange" testId={p.testId} />;
}
