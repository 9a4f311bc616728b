import { useEffect, useState } from 'react';
import { Avatar, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatOperator } from '../../../shared/api/chatSettings';

/** A person's photo address with its preview, saved when the field is left (or Enter), as the levels are at once. */
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
    <Group gap={6} wrap="nowrap">
      <Avatar src={operator.photoUrl} radius="xl" size={28} alt="">
        {operator.name.charAt(0)}
      </Avatar>
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
    </Group>
  );
}
