import { useMemo } from 'react';
import { useFormat } from '../../app/format';
import { reportNumbers } from '../../../shared/rules/reportNumbers';

export function useNumbers() {
  const { locale } = useFormat();
  return useMemo(() => reportNumbers(locale), [locale]);
}
