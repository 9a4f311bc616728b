import { useEffect, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import type { SessionUser } from '../../shared/api/auth';
import { call, onSessionEnded, subscribeEvents } from './api';
import { setUiLanguage } from './i18n';
import { queryClient, received } from './queryClient';
import { SessionContext } from './session';
import { Shell } from './Shell';
import { KeepLanguage } from '../modules/auth/KeepLanguage';
import { LoginScreen } from '../modules/auth/LoginScreen';
import { SetupWizard } from '../modules/setup/SetupWizard';

type Phase = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login'; expired: boolean } | { kind: 'in'; user: SessionUser };

/**
 * The root of every address: the setup wizard, the login or the shell. The address stays as it was while the login
 * is shown, so after logging in (or after a session ran out) the person lands on the screen they asked for.
 */
export function SessionGate() {
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
        const user = await call('auth.me', {});
        if (user) setUiLanguage(user.language);
        setPhase(user ? { kind: 'in', user } : { kind: 'login', expired: false });
      } catch {
        setPhase({ kind: 'login', expired: false });
      }
    })();
    return onSessionEnded(() => setPhase((p) => (p.kind === 'in' ? { kind: 'login', expired: true } : p)));
  }, []);

  const loggedIn = phase.kind === 'in';
  useEffect(() => (loggedIn ? subscribeEvents(received) : undefined), [loggedIn]);

  switch (phase.kind) {
    case 'loading':
      return (
        <Center h="100%">
          <Loader />
        </Center>
      );
    case 'setup':
      return <SetupWizard onDone={(u) => enter(u)} />;
    case 'login':
      return <LoginScreen expired={phase.expired} onLogin={(u) => enter(u)} />;
    case 'in':
      return (
        <SessionContext.Provider value={{ user: phase.user, setUser: (u) => enter(u) }}>
          <Shell />
          <KeepLanguage key={phase.user.id} user={phase.user} onKept={(u) => enter(u)} />
        </SessionContext.Provider>
      );
  }
}
