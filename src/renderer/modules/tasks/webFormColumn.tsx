import { Switch } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../shared/api/organization';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import type { Column } from '../../components/screen';

/**
 * The users list's column for the hub's web form: whether a client may ask for this employee by name on the
 * organization's website. A switch for those who may change users; it reaches the hub with the next sync round.
 */
export function useWebFormColumn(canWrite: boolean): Column<UserRow> {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const people = useApiQuery('tasks.webIntake.people', {});
  const listed = new Set((people.data ?? []).filter((p) => p.publicOnWeb).map((p) => p.id));
  return {
    key: 'publicOnWeb',
    header: t('webForm.publicOnWeb'),
    width: 170,
    render: (u) => (
      <Switch
        size="xs"
        aria-label={`${t('webForm.publicOnWeb')}: ${u.name}`}
        checked={listed.has(u.id)}
        disabled={!canWrite || !u.active}
        onClick={(e) => e.stopPropagation()}
        onChange={async (e) => {
          await call('tasks.webIntake.setPublic', { id: u.id, publicOnWeb: e.currentTarget.checked });
          await qc.invalidateQueries({ queryKey: ['tasks.webIntake.people'] });
        }}
        data-testid={`user-public-on-web-${u.id}`}
      />
    ),
  };
}
