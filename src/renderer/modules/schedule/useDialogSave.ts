import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiError, errorText } from '../../app/errors';

/**
 * A small dialog's save: busy while main answers, a refusal naming one of `fields` under that field, any other
 * above the buttons; the dialog closes (`done`) once saved.
 */
export function useDialogSave<F extends string>(fields: readonly F[], done: () => void) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (write: () => Promise<unknown>) => {
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await write();
      done();
    } catch (err) {
      const field = apiError(err)?.field?.split('.')[0] as F | undefined;
      if (field && fields.includes(field)) setErrors({ [field]: errorText(t, err) } as Partial<Record<F, string>>);
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  /** A check of the dialog's own, before anything is sent. */
  const refuse = (field: F, message: string) => setErrors({ [field]: message } as Partial<Record<F, string>>);
  return { errors, failure, busy, save, refuse };
}
