/**
 * Editing together: another user's save of the open intervention is announced at once (push event → the detail is
 * read again), and after "reload" the fields their save changed are marked at the field, with a choice where both
 * changed it. Main stays the guard: a save on an old version is refused (`errors.stale`).
 */
import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { Alert, Button, CloseButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InterventionDetail } from '../../../shared/api/interventions';
import { useFormat } from '../../app/format';
import type { Underneath } from '../../components/recordForm';
import type { InterventionFormValues } from './formValues';

type Changes = Underneath<InterventionDetail, InterventionFormValues>;

interface Marks {
  changes: Changes | null;
  choose(field: string, take: 'mine' | 'theirs'): void;
}

const MarksContext = createContext<Marks>({ changes: null, choose: () => undefined });

export function UnderneathMarks(p: Marks & { children: ReactNode }) {
  return <MarksContext.Provider value={{ changes: p.changes, choose: p.choose }}>{p.children}</MarksContext.Provider>;
}

function useWho(d: InterventionDetail) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return { name: d.updatedBy ?? t('interventions.together.someone'), time: fmt.zoned(d.updatedAt, d.timeZone) };
}

/** The banner above the form: a newer version waits (reload keeps what was typed), or its changes are marked. */
export function SavedElsewhere(p: { newer: InterventionDetail | null; changes: Changes | null; dirty: boolean; onReload(): void; onDismiss(): void }) {
  if (p.newer) return <NewerVersion d={p.newer} dirty={p.dirty} onReload={p.onReload} />;
  if (!p.changes || p.changes.changed.length === 0) return null;
  return <ChangedFields changes={p.changes} onDismiss={p.onDismiss} />;
}

function NewerVersion({ d, dirty, onReload }: { d: InterventionDetail; dirty: boolean; onReload(): void }) {
  const { t } = useTranslation();
  const who = useWho(d);
  return (
    <Alert color="orange" p={6} role="status" data-testid="intervention-saved-elsewhere">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {t('interventions.together.savedElsewhere', who)} {dirty && t('interventions.together.savedElsewhereTyped')}
        </Text>
        <Button size="compact-xs" variant="white" color="orange" onClick={onReload} data-testid="intervention-reload-keeping">
          {t('interventions.together.reloadKeeping')}
        </Button>
      </Group>
    </Alert>
  );
}

function ChangedFields({ changes, onDismiss }: { changes: Changes; onDismiss(): void }) {
  const { t } = useTranslation();
  const dismissLabel = t('interventions.together.dismiss');
  const who = useWho(changes.record);
  const count = changes.changed.length;
  const conflicts = changes.conflicts.length;
  return (
    <Alert color="yellow" p={6} role="status" data-testid="intervention-underneath">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {t('interventions.together.changedUnderneath', { ...who, count })} {conflicts > 0 && t('interventions.together.conflicts', { count: conflicts })}
        </Text>
        <CloseButton size="sm" aria-label={dismissLabel} title={dismissLabel} onClick={onDismiss} data-testid="intervention-underneath-dismiss" />
      </Group>
    </Alert>
  );
}

/** Beside a field its save changed: who changed it, and where this user changed it too, the choice between both. */
export function ChangedMark({ name }: { name: string }) {
  const { t } = useTranslation();
  const { changes, choose } = useContext(MarksContext);
  if (!changes?.changed.includes(name)) return null;
  const conflict = changes.conflicts.includes(name);
  const theirs = changes.theirs[name];
  // Text and dates read as they are; a chosen id would say nothing, the field itself names it once chosen.
  const shown = typeof theirs === 'string' && theirs && !/^[0-9a-f-]{36}$/.test(theirs) ? theirs : null;
  return (
    <div data-testid={`changed-${name}`} data-conflict={conflict || undefined} style={{ fontSize: 11, lineHeight: 1.3, marginTop: 2, color: 'var(--mantine-color-orange-9)' }}>
      {t('interventions.together.changedBy', { name: changes.record.updatedBy ?? t('interventions.together.someone') })}
      {conflict && (
        <>
          {shown !== null && <div data-testid={`changed-${name}-theirs`}>{t('interventions.together.theirValue', { value: shown })}</div>}
          <Group gap={4} mt={2}>
            <Button size="compact-xs" variant="light" color="orange" onClick={() => choose(name, 'mine')} data-testid={`changed-${name}-mine`}>
              {t('interventions.together.keepMine')}
            </Button>
            <Button size="compact-xs" variant="light" color="orange" onClick={() => choose(name, 'theirs')} data-testid={`changed-${name}-use-theirs`}>
              {t('interventions.together.useTheirs')}
            </Button>
          </Group>
        </>
      )}
    </div>
  );
}

/** The outline of a changed field's column. */
export function useChangedStyle(name: string): { 'data-changed'?: true; style?: CSSProperties } {
  const { changes } = useContext(MarksContext);
  if (!changes?.changed.includes(name)) return {};
  return { 'data-changed': true, style: { boxShadow: 'inset 3px 0 0 var(--mantine-color-orange-5)', paddingLeft: 10 } };
}
