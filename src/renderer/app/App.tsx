import { useEffect, useState } from 'react';
import { MantineProvider, Center, Loader } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import type { SessionUser } from '../../shared/api/auth';
import { call, onSessionEnded, subscribeEvents } from './api';
import { setUiLanguage } from './i18n';
import { invalidateFor, queryClient } from './queryClient';
import { SessionContext } from './session';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';
import { LoginScreen } from '../modules/auth/LoginScreen';
import { SetupWizard } from '../modules/setup/SetupWizard';

type Phase = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login'; expired: boolean } | { kind: 'in'; user: SessionUser };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const enter = (user: SessionUser | null, expired = false) => {
    if (user) {
      setUiLanguage(user.language);
      setPhase({ kind: 'in', user });
    } else {
      queryClient.clear();
      setPhase({ kind: 'login', expired });
    }
  };

  useEffect(() => {
    void (async () => {
      try {
        const { needsSetup } = await call('setup.status', {});
        if (needsSetup) return setPhase({ kind: 'setup' });
        enter(await call('auth.me', {}));
      } catch {
        setPhase({ kind: 'login', expired: false });
      }
    })();
    return onSessionEnded(() => setPhase((p) => (p.kind === 'in' ? { kind: 'login', expired: true } : p)));
  }, []);

  const loggedIn = phase.kind === 'in';
  useEffect(() => (loggedIn ? subscribeEvents((name) => invalidateFor(name)) : undefined), [loggedIn]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        {phase.kind === 'loading' && (
          <Center h="100%">
            <Loader />
          </Center>
        )}
        {phase.kind === 'setup' && <SetupWizard onDone={(u) => enter(u)} />}
        {phase.kind === 'login' && <LoginScreen expired={phase.expired} onLogin={(u) => enter(u)} />}
        {phase.kind === 'in' && (
          <SessionContext.Provider value={{ user: phase.user, setUser: (u) => enter(u) }}>
            <Shell />
          </SessionContext.Provider>
        )}
      </QueryClientProvider>
    </MantineProvider>
  );
}
