import { useState } from 'react';
import { Button, Dialog, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/api/auth';
import { LANGUAGE_NAMES } from '../../../shared/i18n/languages';
import { call } from '../../app/api';
import { errorText } from '../../app/errors';

/**
 * The session speaks the language picked on the login screen; the profile still holds another. Asked once per
 * session, in the new language: keep it (the profile changes) or use it only this time.
 */
export function KeepLanguage({ user, onKept }: { user: SessionUser; onKept(u: SessionUser): void }) {
  const { t } = useTranslation();
  const [answered, setAnswered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const opened = !answered && !!user.savedLanguage && user.savedLanguage !== user.language;
  const keep = async () => {
    setBusy(true);
    try {
      onKept(await call('auth.setLanguage', { language: user.language }));
      setAnswered(true);
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog opened={opened} position={{ bottom: 16, right: 16 }} withBorder shadow="md" size="lg" role="dialog" aria-live="polite" data-testid="keep-language">
      <Text size="sm" mb="xs">
        {t('auth.keepLanguage', { language: LANGUAGE_NAMES[user.language] })}
      </Text>
      {failure && (
        <Text size="xs" c="red" mb="xs" role="alert">
          {failure}
        </Text>
      )}
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={() => setAnswered(true)} data-testid="keep-language-no">
          {t('auth.keepLanguageOnce', { language: LANGUAGE_NAMES[user.savedLanguage ?? user.language] })}
        </Button>
        <Button size="xs" onClick={() => void keep()} loading={busy} data-testid="keep-language-yes">
          {t('auth.keepLanguageYes')}
        </Button>
      </Group>
    </Dialog>
  );
}
