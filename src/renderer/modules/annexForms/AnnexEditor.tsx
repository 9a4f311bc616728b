import { useRef, useState } from 'react';
import { Button, Grid, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AnnexNode, AnnexTemplate } from '../../../shared/api/annexForms';
import { call } from '../../app/api';
import { useApiMutation } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { ConfirmDialog } from '../../components/screen';
import { NomenclatureSelect, RemoteSelect } from '../nomenclature/NomenclatureSelect';
import { AnnexFieldList } from './AnnexFieldList';
import { AnnexView } from './AnnexView';
import classes from './annexForms.module.css';

/** What the editor holds: a stored template, or a new one (no id yet). */
export type Draft = Pick<AnnexTemplate, 'name' | 'typeId' | 'body'> & { id: string | null; version: number };

/** Invalidates every cached list and template after a write. */
export function useAnnexRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('annexForms.') });
}

/** A document to preview on: the latest ones first, found by number or client as typed. */
function PreviewDocument(p: { value: string | null; onChange(id: string | null): void }) {
  const { t } = useTranslation();
  return (
    <RemoteSelect
      value={p.value}
      onChange={(v) => p.onChange(v)}
      aria-label={t('annex.previewDocument')}
      placeholder={t('annex.previewDocument')}
      queryKey={['interventions.list', 'annexPreview']}
      dropdownWidth={360}
      data-testid="annex-preview-doc"
      load={async (search) =>
        (await call('interventions.list', { scope: { filters: { search } }, sort: 'updatedAt', desc: true, offset: 0, limit: 30 })).rows.map((r) => ({
          value: r.id,
          label: `${r.number ?? t('annex.draftDoc')} · ${r.client}`,
        }))
      }
    />
  );
}

/** Name, type and text of one template beside the fields it may print, and its preview on a real document. */
export function AnnexEditor(p: { draft: Draft; onSaved(t: AnnexTemplate): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const refresh = useAnnexRefresh();
  const [v, setV] = useState(p.draft);
  const [doc, setDoc] = useState<string | null>(null);
  const [nodes, setNodes] = useState<AnnexNode[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const save = useMutation({
    mutationFn: () => {
      const fields = { name: v.name, typeId: v.typeId, body: v.body };
      return v.id ? call('annexForms.update', { id: v.id, version: v.version, ...fields }) : call('annexForms.create', fields);
    },
    onSuccess: (saved) => {
      refresh();
      setV({ ...v, id: saved.id, version: saved.version });
      p.onSaved(saved);
    },
  });
  const preview = useApiMutation('annexForms.preview', { onSuccess: (r) => setNodes(r.nodes) });
  const failure = save.error ?? preview.error;
  const field = apiError(failure)?.field;

  const insert = (text: string) => {
    const el = box.current;
    const at = el ? el.selectionStart : v.body.length;
    const end = el ? el.selectionEnd : at;
    setV((s) => ({ ...s, body: s.body.slice(0, at) + text + s.body.slice(end) }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  return (
    <Stack gap="xs" data-testid="annex-editor">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('annex.name')}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
          error={field === 'name' ? errorText(t, failure) : undefined}
          style={{ flex: 1 }}
          data-testid="annex-name"
        />
        <NomenclatureSelect
          kind="intervention_type"
          label={t('annex.type')}
          placeholder={t('annex.allTypes')}
          value={v.typeId}
          onChange={(id) => setV({ ...v, typeId: id })}
          w={260}
          size="sm"
          data-testid="annex-type"
        />
      </Group>
      <Grid gap="xs">
        <Grid.Col span={9}>
          <Textarea
            ref={box}
            label={t('annex.body')}
            description={t('annex.bodyHint')}
            value={v.body}
            onChange={(e) => setV({ ...v, body: e.currentTarget.value })}
            autosize
            minRows={14}
            maxRows={24}
            classNames={{ input: classes.editor }}
            error={field === 'body' && save.error ? errorText(t, save.error) : undefined}
            spellCheck={false}
            data-testid="annex-body"
          />
        </Grid.Col>
        <Grid.Col span={3}>
          <Text size="sm" fw={500}>
            {t('annex.fieldsTitle')}
          </Text>
          <AnnexFieldList onInsert={insert} />
        </Grid.Col>
      </Grid>
      <Group justify="space-between">
        <Group gap="xs">
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="annex-save">
            {t('common.save')}
          </Button>
          {v.id && (
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)} data-testid="annex-delete">
              {t('common.delete')}
            </Button>
          )}
          {save.isSuccess && !save.isPending && (
            <Text size="sm" c="teal.9" data-testid="annex-saved">
              {t('common.saved')}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <PreviewDocument value={doc} onChange={setDoc} />
          <Button variant="default" disabled={!doc} loading={preview.isPending} onClick={() => doc && preview.mutate({ interventionId: doc, body: v.body })} data-testid="annex-preview-run">
            {t('annex.preview')}
          </Button>
        </Group>
      </Group>
      {failure && !(field === 'name' || (field === 'body' && save.error)) && (
        <Text c="red" size="sm" role="alert" data-testid="annex-error">
          {errorText(t, failure)}
        </Text>
      )}
      {nodes && <AnnexView nodes={nodes} />}
      <ConfirmDialog
        opened={confirming}
        title={t('annex.deleteTitle')}
        message={t('annex.deleteConfirm', { name: v.name })}
        confirmLabel={t('common.delete')}
        color="red"
        onConfirm={async () => {
          if (v.id) await call('annexForms.delete', { id: v.id });
          refresh();
          p.onDeleted();
        }}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
