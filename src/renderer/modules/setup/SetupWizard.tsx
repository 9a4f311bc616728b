import { useMemo, useState } from 'react';
import { Alert, Button, Center, Divider, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, type Input } from '../../../shared/api';
import type { SessionUser } from '../../../shared/api/auth';
import { type Language } from '../../../shared/i18n/languages';
import { useApiMutation } from '../../app/apiQuery';
import { setUiLanguage } from '../../app/i18n';
import { contractResolver } from '../../components/form';
import { useRefusal } from '../../components/recordForm';
import { LANGUAGE_OPTIONS, LanguageField, LanguagesField, SelectField, TimeZoneField } from '../../components/fields';
import { TableHead } from '../../components/tableParts';
import { JoinHub } from '../sync/JoinHub';

type SetupForm = Input<'setup.run'>;
const FIELDS = ['orgName', 'country', 'timeZone', 'orgPhone', 'languages', 'branchName', 'ownerName', 'ownerLogin', 'ownerPassword', 'ownerLanguage'];
export const SETUP_COUNTRIES = ['LV', 'LT', 'EE', 'RO', 'MD', 'AM', 'PL', 'FI', 'DE', 'GB'];

export function SetupWizard({ onDone }: { onDone: (u: SessionUser) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    return SETUP_COUNTRIES.map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }));
  }, [lang]);
  const form = useForm<SetupForm>({
    resolver: contractResolver(api['setup.run'].input),
    defaultValues: {
      orgName: '',
      country: 'LV',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Riga',
      orgPhone: '',
      languages: ['lv', 'ru', 'en'],
      branchName: '',
      ownerName: '',
      ownerLogin: '',
      ownerPassword: '',
      ownerLanguage: lang,
    },
  });
  const { register, control, handleSubmit, formState } = form;
  const err = (f: keyof SetupForm) => formState.errors[f]?.message as string | undefined;

  const refusal = useRefusal(form, FIELDS);
  const setup = useApiMutation('setup.run', { onSuccess: onDone, onError: (e) => refusal.refuse(e) });
  const loadDemo = useApiMutation('setup.demo', { onMutate: refusal.clearFailure, onError: (e) => refusal.refuse(e) });
  const failure = refusal.failure?.text ?? null;
  const demo = loadDemo.data;
  const [joining, setJoining] = useState(false);
  const submit = handleSubmit((values) => {
    refusal.clearFailure();
    setup.mutate(values);
  });

  if (demo) {
    return (
      <Center h="100%" bg="gray.1">
        <Paper withBorder p="lg" w={520}>
          <Stack gap="sm">
            <Title order={1} size="h3">{t('setup.demoReady')}</Title>
            <Text size="sm">{t('setup.demoLogins')}</Text>
            <Table striped withTableBorder data-testid="demo-logins">
              <TableHead titles={[t('fields.login'), t('fields.password'), t('fields.role')]} />
              <Table.Tbody>
                {demo.logins.map((l) => (
                  <Table.Tr key={l.login}>
                    <Table.Td>{l.login}</Table.Td>
                    <Table.Td>{l.password}</Table.Td>
                    <Table.Td>{t(`roles.${l.role}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button onClick={() => location.reload()}>{t('setup.toLogin')}</Button>
          </Stack>
        </Paper>
      </Center>
    );
  }

  if (joining) {
    return (
      <Center mih="100%" bg="gray.1" py="md">
        <Paper withBorder p="lg" w={520} shadow="sm">
          <JoinHub onCancel={() => setJoining(false)} />
        </Paper>
      </Center>
    );
  }

  return (
    <Center mih="100%" bg="gray.1" py="md">
      <Paper withBorder p="lg" w={640} shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={1} size="h3">{t('setup.title')}</Title>
              <Select
                aria-label={t('shell.language')}
                data={LANGUAGE_OPTIONS}
                value={lang}
                onChange={(l) => l && setUiLanguage(l as Language)}
                allowDeselect={false}
                w={130}
              />
            </Group>
            <Text size="sm" c="dimmed">{t('setup.intro')}</Text>
            {failure && <Alert color="red" role="alert">{failure}</Alert>}
            <Divider label={t('setup.organization')} labelPosition="left" />
            <SimpleGrid cols={2} spacing="xs">
              <TextInput label={t('fields.orgName')} autoFocus {...register('orgName')} error={err('orgName')} />
              <TextInput label={t('fields.phone')} {...register('orgPhone')} error={err('orgPhone')} />
              <SelectField control={control} name="country" label={t('fields.country')} data={countries} searchable allowDeselect={false} error={err('country')} />
              <TimeZoneField control={control} name="timeZone" error={err('timeZone')} />
              <LanguagesField control={control} name="languages" error={err('languages')} />
              <TextInput label={t('fields.branchName')} {...register('branchName')} error={err('branchName')} />
            </SimpleGrid>
            <Divider label={t('setup.owner')} labelPosition="left" />
            <SimpleGrid cols={2} spacing="xs">
              <TextInput label={t('fields.name')} {...register('ownerName')} error={err('ownerName')} />
              <TextInput label={t('fields.login')} autoComplete="username" {...register('ownerLogin')} error={err('ownerLogin')} />
              <PasswordInput label={t('fields.password')} autoComplete="new-password" {...register('ownerPassword')} error={err('ownerPassword')} />
              <LanguageField control={control} name="ownerLanguage" label={t('fields.language')} allowDeselect={false} />
            </SimpleGrid>
            <Group justify="space-between" mt="xs">
              <Group gap="xs">
                <Button variant="light" onClick={() => loadDemo.mutate({ language: lang })} loading={loadDemo.isPending} data-testid="load-demo">
                  {t('setup.demo')}
                </Button>
                <Button variant="subtle" onClick={() => setJoining(true)} data-testid="setup-join-hub">
                  {t('sync.joinButton')}
                </Button>
              </Group>
              <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
                {t('setup.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
