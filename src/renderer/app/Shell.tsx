import { AppShell, Button, Group, NavLink, Select, Text, Kbd } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { type Language } from '../../shared/i18n/languages';
import { LANGUAGE_OPTIONS } from '../components/fields';
import { call } from './api';
import { useCan, useSession } from './session';
import { ROUTES } from './routes';
import { HelpButton } from './help';
import { FilePreview } from './FilePreview';

export function Shell() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const can = useCan();
  const navigate = useNavigate();
  const routes = ROUTES.filter((r) => can(r.module, 'read'));
  const path = useLocation().pathname.replace(/^\//, '');
  const current = routes.find((r) => r.path === path);

  // Alt+1…9 jumps between modules without the mouse, also from inside a field.
  useHotkeys(
    routes.slice(0, 9).map((r, i) => [`alt+${i + 1}`, () => navigate(`/${r.path}`)]),
    [],
  );

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
          </Group>
          <Group gap="xs" wrap="nowrap">
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
      <AppShell.Navbar p={4}>
        {routes.map((r, i) => (
          <NavLink
            key={r.path}
            component={Link}
            to={`/${r.path}`}
            label={t(r.label)}
            active={r === current}
            rightSection={i < 9 ? <Kbd size="xs">Alt+{i + 1}</Kbd> : undefined}
            data-testid={`nav-${r.path}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {/* An address of no screen, or of one this user may not read, goes to the first one they may. Keyed by the
            address: a redirect overtaken by another address (Back, a typed one) must be redone for the new one. */}
        {current ? <Outlet /> : routes[0] ? <Navigate key={path} to={`/${routes[0].path}`} replace /> : <Text>{t('shell.nothing')}</Text>}
      </AppShell.Main>
      <FilePreview />
    </AppShell>
  );
}
