import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/api/auth';
import { can, type Action, type Module } from '../../shared/permissions';

export interface SessionState {
  user: SessionUser;
  setUser(u: SessionUser | null): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in screen');
  return s;
}

/** Hides what main would refuse anyway; main is what enforces it. */
export function useCan(): (module: Module, action: Action) => boolean {
  const { user } = useSession();
  return (module, action) => can(user.role, module, action);
}
