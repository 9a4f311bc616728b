import { useState } from 'react';
import type { GroupLevel } from '../../../shared/api/interventions';
import { validLevels, type GroupKey } from './model';

function groupingKey(userId: string) {
  return `planora.interventions.${userId}.groupBy`;
}

/** The grid's grouping levels, remembered per user, and the group chosen in the tree (cleared when the levels change). */
export function useGrouping(userId: string) {
  const [levels, setLevelsState] = useState<GroupLevel[]>(() => {
    try {
      return validLevels(JSON.parse(localStorage.getItem(groupingKey(userId)) ?? '[]'));
    } catch {
      return [];
    }
  });
  const [treePath, setTreePath] = useState<GroupKey[]>([]);
  const setLevels = (l: GroupLevel[]) => {
    setLevelsState(l);
    setTreePath([]);
    localStorage.setItem(groupingKey(userId), JSON.stringify(l));
  };
  return { levels, setLevels, treePath, setTreePath };
}
