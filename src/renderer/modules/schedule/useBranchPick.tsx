import { useState } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';

/** The branch a schedule screen shows: the first one the person sees until they pick another. */
export function useBranchPick(testId: string) {
  const { t } = useTranslation();
  const branches = useApiQuery('branches.list', {});
  const [picked, setPicked] = useState<string | null>(null);
  const list = branches.data ?? [];
  const branch = list.find((b) => b.id === picked) ?? list[0] ?? null;
  const picker =
    list.length > 1 ? (
      <Select
        aria-label={t('schedule.branch')}
        data={list.map((b) => ({ value: b.id, label: b.name }))}
        value={branch?.id ?? null}
        onChange={(v) => v && setPicked(v)}
        allowDeselect={false}
        w={180}
        data-testid={testId}
      />
    ) : null;
  return { branch, picker, loading: branches.isLoading };
}
