import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A screen whose code could not be fetched (a lost connection to web mode, an update underneath): the shell stays. */
export function ScreenFailed() {
  const { t } = useTranslation();
  return (
    <Stack p="md" align="flex-start" data-testid="screen-failed">
      <Alert color="red" role="alert">
        {t('shell.loadFailed')}
      </Alert>
      <Button variant="default" onClick={() => location.reload()}>
        {t('shell.reload')}
      </Button>
    </Stack>
  );
}
