import { useState } from 'react';
import { Alert, Button, CopyButton, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { EmptyRow, TableHead } from '../../components/tableParts';

/**
 * The client's portal links on their card: the active ones (copy, revoke) and a new one in the client's language.
 * The hub makes each link, so none is made while it cannot be reached (said here); without a hub (the demo has
 * none) there is no portal, and the section says so.
 */
export function ClientPortal({ clientId, preferredLanguage }: { clientId: string; preferredLanguage: Language | null }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const links = useApiQuery('portal.links', { clientId });
  const [language, setLanguage] = useState<Language>(preferredLanguage ?? ((LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const mayWrite = can('clients', 'write');

  const refresh = () => qc.invalidateQueries({ queryKey: apiQueryKey('portal.links', { clientId }) });
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      setNote(await work());
      await refresh();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const create = () => run(async () => (await call('portal.create', { clientId, language }), null));
  const revoke = (id: string) => {
    if (!window.confirm(t('portal.card.revokeConfirm'))) return;
    void run(async () => ((await call('portal.revoke', { id })).told ? t('portal.card.revoked') : `${t('portal.card.revoked')} — ${t('portal.card.revokePending')}`));
  };

  return (
    <section data-testid="client-portal">
      <Title order={3} size="sm" mt="md" mb={4}>
        {t('portal.card.title')}
      </Title>
      {links.data?.hub === 'none' ? (
        <Alert color="gray" p={6} data-testid="client-portal-no-hub">
          {t('portal.card.noHub')}
        </Alert>
      ) : (
        <Stack gap={6}>
          <Text size="xs" c="dimmed">
            {t('portal.card.hint')} {t('portal.card.offlineNote')}
          </Text>
          <Table withTableBorder verticalSpacing={2} horizontalSpacing={8} fz="sm" data-testid="client-portal-links">
            <TableHead titles={[t('portal.card.language'), t('portal.card.created'), t('portal.card.expires'), '']} />
            <Table.Tbody>
              {!links.data?.links.length ? (
                <EmptyRow colSpan={4}>{links.isLoading ? t('common.loading') : links.isError ? errorText(t, links.error) : t('portal.card.none')}</EmptyRow>
              ) : (
                links.data.links.map((l) => (
                  <Table.Tr key={l.id} data-testid="client-portal-link">
                    <Table.Td>{LANGUAGE_NAMES[l.language as Language] ?? l.language}</Table.Td>
                    <Table.Td>
                      {fmt.dateTime(l.createdAt)}
                      {l.createdBy ? ` · ${l.createdBy}` : ''}
                    </Table.Td>
                    <Table.Td>{fmt.dateTime(l.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <TextInput size="xs" w={200} readOnly value={l.url} aria-label={t('portal.card.title')} onFocus={(e) => e.currentTarget.select()} data-testid="client-portal-url" />
                        <CopyButton value={l.url}>
                          {({ copied, copy }) => (
                            <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy} data-testid="client-portal-copy">
                              {copied ? t('portal.card.copied') : t('portal.card.copy')}
                            </Button>
                          )}
                        </CopyButton>
                        {mayWrite && (
                          <Button size="xs" variant="subtle" color="red" disabled={busy} onClick={() => revoke(l.id)} data-testid="client-portal-revoke">
                            {t('portal.card.revoke')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
          {mayWrite && (
            <Group gap={6} wrap="nowrap" align="flex-end">
              <NativeSelect
                size="xs"
                label={t('portal.card.language')}
                value={language}
                onChange={(e) => setLanguage(e.currentTarget.value as Language)}
                data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
                data-testid="client-portal-language"
              />
              <Button size="xs" variant="default" loading={busy} onClick={() => void create()} data-testid="client-portal-create">
                {t('portal.card.create')}
              </Button>
            </Group>
          )}
          {note && (
            <Text size="xs" c="teal" role="status" data-testid="client-portal-note">
              {note}
            </Text>
          )}
          {failure && (
            <Alert color="red" p={6} role="alert" data-testid="client-portal-error">
              {failure}
            </Alert>
          )}
        </Stack>
      )}
    </section>
  );
}
