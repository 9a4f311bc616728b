import { useEffect, useState } from 'react';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatOperator } from '../../../shared/api/chatSettings';

/** A person's photo address (no preview: the app's content policy loads no pictures from other sites), saved when the field is left (or Enter), as the levels are at once. */
export function OperatorPhoto({ operator, readOnly, busy, onSave }: { operator: ChatOperator; readOnly: boolean; busy: boolean; onSave: (photoUrl: string | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(operator.photoUrl ?? '');
  // A save here or elsewhere (a refetch) shows the stored address.
  useEffect(() => setValue(operator.photoUrl ?? ''), [operator.photoUrl]);
  const commit = () => {
    const next = value.trim() || null;
    if (next !== (operator.photoUrl ?? null)) onSave(next);
  };
  return (
    <TextInput
      aria-label={`${t('chatSettings.photo')}: ${operator.name}`}
      title={t('chatSettings.photoHint')}
      placeholder="https://"
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      readOnly={readOnly}
      disabled={busy}
      size="xs"
      w={230}
      data-testid={`chat-photo-${operator.name}`}
    />
  );
}
