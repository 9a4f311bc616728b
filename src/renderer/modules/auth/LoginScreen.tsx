import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Select } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { authApi, type SessionUser } from '../../../shared/api/auth';
import { type Language } from '../../../shared/i18n/languages';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { setUiLanguage } from '../../app/i18n';
import { LANGUAGE_OPTIONS } from '../../components/languageOptions';
import { contractResolver } from '../../components/form';

interface LoginForm {
  login: string;
  password: string;
}

export function LoginScreen({ onLogin, expired }: { onLogin: (u: SessionUser) => void; expired: boolean }) {
  const { t, i18n } = useTranslation();
  const login = useApiMutation('auth.login', { onSuccess: onLogin });
  const failure = login.error ? errorText(t, login.error) : null;
  const { register, handleSubmit, formState } = useForm<LoginForm>({
    resolver: contractResolver(authApi['auth.login'].input),
    defaultValues: { login: '', password: '' },
  });

  // Only a language picked here is sent: the one shown by default is the last user's, and must not override a profile.
  const [picked, setPicked] = useState<Language | null>(null);
  const submit = handleSubmit((values) => login.mutate(picked ? { ...values, language: picked } : values));

  return (
    <Center h="100%" bg="gray.1">
      <Paper withBorder p="lg" w={340} shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={1} size="h3">{t('auth.title')}</Title>
            {expired && <Alert color="yellow">{t('auth.expired')}</Alert>}
            {failure && (
              <Alert color="red" role="alert" data-testid="login-error">
                {failure}
              </Alert>
            )}
            <TextInput label={t('fields.login')} autoFocus autoComplete="username" {...register('login')} error={formState.errors.login?.message} />
            <PasswordInput label={t('fields.password')} autoComplete="current-password" {...register('password')} error={formState.errors.password?.message} />
            <Button type="submit" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
            <Select
              aria-label={t('shell.language')}
              data={LANGUAGE_OPTIONS}
              value={i18n.language}
              onChange={(l) => l && setUiLanguage(l as Language)}
              // Also a pick of the language already shown: the person chose it for this session.
              onOptionSubmit={(l) => setPicked(l as Language)}
              data-testid="login-language"
              allowDeselect={false}
            />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
