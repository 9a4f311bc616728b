import { useState } from 'react';

/** The last value that was not null: what a closing dialog keeps showing while it fades out. */
export function useKept<T>(value: T | null): T | null {
  const [kept, setKept] = useState<T | null>(value);
  if (value !== null && value !== kept) setKept(value);
  return value ?? kept;
}
