import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from 'react';
import { Center, Loader } from '@mantine/core';
import { useLocation } from 'react-router';
import type { SessionUser } from '../../shared/api/auth';
import { call, onSessionEnded, subscribeEvents } from './api';
import { setUiLanguage } from './i18n';
import { queryClient, received } from './queryClient';
import { ROUTES } from './routes';
import { loadScreen, whenIdle } from './screenCode';
import { SessionContext } from './session';
import { KeepLanguage } from '../modules/auth/KeepLanguage';
import { LoginScreen } from '../modules/auth/LoginScreen';

// The shell and the wizard are fetched when needed: the login screen, the first thing shown, carries neither.
let shellHere: ComponentType | null = null;
const loadShell = () =>
  import('./Shell').then((m) => {
    shellHere = m.Shell;
    return { default: m.Shell };
  });
const Shell = lazy(loadShell);
const SetupWizard = lazy(() => import('../modules/setup/SetupWizard').then((m) => ({ default: m.SetupWizard })));

const waiting = (
  <Center h="100%">
    <Loader />
  </Center>
);

type Phase = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login'; expired: boolean } | { kind: 'in'; user: SessionUser };

/**
 * The root of every address: the setup wizard, the login or the shell. The address stays as it was while the login
 * is shown, so after logging in (or after a session ran out) the person lands on the screen they asked for.
 */
export function SessionGate() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const enter = (user: SessionUser | null, expired = false) => {
    if (user) {
      // The shell comes up in the person's language, not in the login's for a moment.
      void setUiLanguage(user.language).then(() => setPhase({ kind: 'in', user }));
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
        if (user) await setUiLanguage(user.language);
        setPhase(user ? { kind: 'in', user } : { kind: 'login', expired: false });
      } catch {
        setPhase({ kind: 'login', expired: false });
      }
    })();
    return onSessionEnded(() => setPhase((p) => (p.kind === 'in' ? { kind: 'login', expired: true } : p)));
  }, []);

  const loggedIn = phase.kind === 'in';
  // The shell fetched while the person typed is drawn at once (see RouteScreen: a lazy one would suspend, and React
  // would hold it back for up to 300 ms); chosen once per session, so its type never changes under it.
  const ShellNow = useMemo(() => (loggedIn ? shellHere : null), [loggedIn]);
  useEffect(() => (loggedIn ? subscribeEvents(received) : undefined), [loggedIn]);

  // While the person types, the shell and the screen the address names (else the first) are fetched, so logging in
  // waits only for its own answer and the screen's data.
  const path = useLocation().pathname.replace(/^\//, '');
  const onLogin = phase.kind === 'login';
  useEffect(() => {
    if (!onLogin) return;
    const next = ROUTES.find((r) => r.path === path) ?? ROUTES[0]!;
    // A fetch that fails here is only a missed head start: the same code is asked for again when it is needed.
    const ignore = () => undefined;
    return whenIdle(() => void loadShell().then(() => whenIdle(() => void loadScreen(next).then(ignore, ignore)), ignore));
  }, [onLogin, path]);

  switch (phase.kind) {
    case 'loading':
      return waiting;
    case 'setup':
      return (
        <Suspense fallback={waiting}>
          <SetupWizard onDone={(u) => enter(u)} />
        </Suspense>
      );
    case 'login':
      return <LoginScreen expired={phase.expired} onLogin={(u) => enter(u)} />;
    case 'in':
      return (
        <SessionContext.Provider value={{ user: phase.user, setUser: (u) => enter(u) }}>
          {ShellNow ? (
            <ShellNow />
          ) : (
            <Suspense fallback={waiting}>
              <Shell />
            </Suspense>
          )}
          <KeepLanguage key={phase.user.id} user={phase.user} onKept={(u) => enter(u)} />
        </SessionContext.Provider>
      );
  }
}
