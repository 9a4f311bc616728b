import { useRef, useState } from 'react';
import { Button, FileButton, Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnnexTemplateRow } from '../../../shared/api/annexForms';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { openProducedFile } from '../../app/files';
import { useCan } from '../../app/session';
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { AnnexEditor, useAnnexRefresh, type Draft } from './AnnexEditor';

const BLANK: Draft = { id: null, version: 0, name: '', typeId: null, body: '' };

/** One stored template opened in the editor (loaded whole: the list carries no bodies). */
function StoredTemplate(p: { id: string; onSaved(id: string): void; onDeleted(): void }) {
  const tpl = useApiQuery('annexForms.get', { id: p.id }, { staleTime: Infinity });
  if (!tpl.data) return null;
  const d = tpl.data;
  // Mounted once per template: a save keeps the editor (and its preview) as it is, with the new version.
  return <AnnexEditor draft={{ id: d.id, version: d.version, name: d.name, typeId: d.typeId, body: d.body }} onSaved={(s) => p.onSaved(s.id)} onDeleted={p.onDeleted} />;
}

/**
 * Annex forms (the seed's "formulare anexe"): an administrator's templates, per intervention type, written in
 * Liquid beside the fields they may print, previewed on a real document, and carried between organizations as files.
 */
export function AnnexFormsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('organization', 'write');
  const refresh = useAnnexRefresh();
  const list = useApiQuery('annexForms.list', {});
  const { select, table } = useListSelection(list.data, (r) => r.id, list.isLoading);
  /** The template in the editor: a stored one, or a new one (`key` stays when it is first saved, so nothing remounts). */
  const [open, setOpen] = useState<{ key: string; id: string | null } | null>(null);
  const [made, setMade] = useState(0);
  const [message, setMessage] = useState<{ text: string; color: string } | null>(null);
  const resetFile = useRef<() => void>(null);
  useScreenKeys({ enabled: manage, onRefresh: refresh, onInsert: () => newTemplate() });

  const newTemplate = () => {
    select(null);
    setOpen({ key: `new-${made + 1}`, id: null });
    setMade((n) => n + 1);
  };
  const choose = (id: string | null) => {
    select(id);
    if (id) setOpen({ key: id, id });
  };
  const saved = (id: string) => {
    select(id);
    setOpen((o) => (o ? { ...o, id } : o));
  };
  const closed = () => {
    select(null);
    setOpen(null);
  };
  const exportAll = async () => {
    try {
      await openProducedFile(await call('annexForms.export', {}), 'save');
    } catch (e) {
      setMessage({ text: errorText(t, e), color: 'red' });
    }
  };
  const importFile = async (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    try {
      const r = await call('annexForms.import', { content: await file.text() });
      setMessage({ text: t('annex.imported', { created: r.created, updated: r.updated }), color: 'teal.9' });
      refresh();
    } catch (e) {
      setMessage({ text: errorText(t, e), color: 'red' });
    }
  };

  const columns: Column<AnnexTemplateRow>[] = [
    { key: 'name', header: t('annex.name'), render: (r) => r.name },
    { key: 'type', header: t('annex.type'), render: (r) => r.type ?? t('annex.allTypes') },
  ];

  return (
    <div className="planora-page" data-testid="annex-screen">
      <ScreenHeader title={t('annex.title')}>
        {manage && <KeyButton label={t('annex.new')} keys="Ins" onClick={newTemplate} data-testid="annex-new" />}
        {manage && (
          <FileButton resetRef={resetFile} accept="application/json,.json" onChange={(f) => void importFile(f)}>
            {(props) => (
              <Button variant="default" {...props} data-testid="annex-import">
                {t('annex.import')}
              </Button>
            )}
          </FileButton>
        )}
        {manage && (
          <Button variant="default" onClick={() => void exportAll()} data-testid="annex-export">
            {t('annex.export')}
          </Button>
        )}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={list.error ? errorText(t, list.error) : null} onClose={refresh} />
      {message && (
        <Text size="sm" c={message.color} role="status" data-testid="annex-message">
          {message.text}
        </Text>
      )}
      <Grid gap="sm" mt="xs">
        <Grid.Col span={4}>
          <ListTable {...table} onSelect={choose} columns={columns} testId="annex-list" label={t('annex.title')} onOpen={(r) => choose(r.id)} />
        </Grid.Col>
        <Grid.Col span={8}>
          {!manage ? (
            <Text c="dimmed">{t('annex.adminsOnly')}</Text>
          ) : open && open.key === open.id ? (
            <StoredTemplate key={open.key} id={open.key} onSaved={saved} onDeleted={closed} />
          ) : open ? (
            <AnnexEditor key={open.key} draft={BLANK} onSaved={(s) => saved(s.id)} onDeleted={closed} />
          ) : (
            <Stack gap={4}>
              <Text c="dimmed">{t('annex.choose')}</Text>
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </div>
  );
}
