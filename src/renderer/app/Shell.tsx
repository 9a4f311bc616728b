import { useEffect } from 'react';
import { AppShell, Button, Divider, Group, NavLink, Select, Text, Kbd } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { type Language } from '../../shared/i18n/languages';
import { LANGUAGE_OPTIONS } from '../components/fields';
import { call } from './api';
import { useCan, useSession } from './session';
import { NavFavorites } from './NavFavorites';
import { ROUTES } from './routes';
import { preloadScreens } from './screenCode';
import { ScreenStar } from './ScreenStar';
import { WarningToast } from '../modules/interventions/WarningToast';
import { SlotFreedToast } from '../modules/reminders/SlotFreedToast';
import { EscalatedToast } from '../modules/tasks/EscalatedToast';
import { ChatTaskNotice } from '../modules/tasks/ChatTaskNotice';
import { PushToastStack } from '../components/PushToast';
import { TaskRejectedToast } from '../modules/tasks/TaskRejectedToast';
import { HelpButton } from './help';
import { FilePreview } from './FilePreview';
import { SyncIndicator } from '../modules/sync/SyncIndicator';
import { RunningTimer } from '../modules/tasks/RunningTimer';
import { ChatAlerts } from '../modules/chat/ChatAlerts';

export function Shell() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const can = useCan();
  const navigate = useNavigate();
  // Only the screens this person may use (some need more than reading); My page is everyone's.
  const routes = ROUTES.filter((r) => !r.module || can(r.module, r.action ?? 'read'));
  const [home, ...modules] = routes;
  const path = useLocation().pathname.replace(/^\//, '');
  const current = routes.find((r) => r.path === path);

  // Alt+1…9 jumps between modules without the mouse, also from inside a field; Alt+0 goes home.
  useHotkeys(
    [['alt+0', () => navigate('/home')], ...modules.slice(0, 9).map((r, i): [string, () => void] => [`alt+${i + 1}`, () => navigate(`/${r.path}`)])],
    [],
  );

  // In idle time, the code of the screens behind Alt+1…9 and My page: switching to one waits only for its data.
  const preload = [...modules.slice(0, 9), ...(home ? [home] : [])];
  const preloadKey = preload.map((r) => r.path).join();
  useEffect(() => preloadScreens(preload), [preloadKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const changeLanguage = async (lng: string | null) => {
    if (!lng) return;
    setUser(await call('auth.setLanguage', { language: lng as Language }));
  };
  const logout = async () => {
    await call('auth.logout', {}).catch(() => undefined);
    setUser(null);
  };

  return (
    <AppShell header={{ height: 40 }} navbar={{ width: 190, breakpoint: 0 }} padding={6}>
      <AppShell.Header px="sm">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={700} c="indigo">Planora</Text>
            <Text size="sm" c="dimmed">{user.orgName}</Text>
            {current && current.path !== 'home' && <ScreenStar screen={current.path} label={t(current.label)} />}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <RunningTimer />
            <SyncIndicator />
            <Text size="sm" data-testid="current-user">
              {user.name} · {t(`roles.${user.role}`)}
            </Text>
            <HelpButton />
            <Select
              aria-label={t('shell.language')}
              data={LANGUAGE_OPTIONS}
              value={user.language}
              onChange={changeLanguage}
              allowDeselect={false}
              w={120}
              data-testid="language-select"
            />
            <Button variant="subtle" onClick={logout} data-testid="logout">
              {t('shell.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p={4} style={{ overflowY: 'auto' }}>
        {home && <NavLink component={Link} to="/home" label={t(home.label)} active={home === current} rightSection={<Kbd size="xs">Alt+0</Kbd>} data-testid="nav-home" />}
        <NavFavorites />
        <Divider my={4} />
        {modules.map((r, i) => {
          // A screen this person may read but not change says so, before they try.
          const readOnly = !!r.module && !can(r.module, r.edit ?? 'write');
          return (
            <NavLink
              key={r.path}
              component={Link}
              to={`/${r.path}`}
              label={t(r.label)}
              description={
                readOnly ? (
                  <span title={t('nav.readOnlyTitle')} data-testid="nav-read-only">
                    {t('nav.readOnly')}
                  </span>
                ) : undefined
              }
              active={r === current}
              rightSection={i < 9 ? <Kbd size="xs">Alt+{i + 1}</Kbd> : undefined}
              data-testid={`nav-${r.path}`}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {/* An address of no screen, or of one this user may not read, goes to the first one they may. Keyed by the
            address: a redirect overtaken by another address (Back, a typed one) must be redone for the new one. */}
        {current ? <Outlet /> : routes[0] ? <Navigate key={path} to={`/${routes[0].path}`} replace /> : <Text>{t('shell.nothing')}</Text>}
      </AppShell.Main>
      <PushToastStack>
        {can('interventions', 'read') && <WarningToast />}
        {/* Offered to those who book; main sends it only to readers of the calendar who see the branch. */}
        {can('calendar', 'write') && <SlotFreedToast />}
        {can('tasks', 'read') && <TaskRejectedToast />}
        {can('tasks', 'write') && <EscalatedToast />}
        {can('chat', 'read') && <ChatAlerts />}
        {can('tasks', 'read') && <ChatTaskNotice />}
      </PushToastStack>
      <FilePreview />
    </AppShell>
  );
}
