import { useEffect, useState } from 'react';
import { AppShell, Button, Group, NavLink, Select, Text, Kbd } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../shared/i18n/languages';
import { call } from './api';
import { useCan, useSession } from './session';
import { ROUTES } from './routes';

function useHashRoute(): [string, (p: string) => void] {
  const read = () => location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const on = () => setPath(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [path, (p) => (location.hash = `#/${p}`)];
}

export function Shell() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const can = useCan();
  const routes = ROUTES.filter((r) => can(r.module, 'read'));
  const [path, go] = useHashRoute();
  const current = routes.find((r) => r.path === path) ?? routes[0];

  // Alt+1…9 jumps between modules without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      const target = routes[n - 1];
      if (n >= 1 && target) {
        e.preventDefault();
        go(target.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [routes, go]);

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
            <Select
              aria-label={t('shell.language')}
              data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
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
            href={`#/${r.path}`}
            label={t(r.label)}
            active={r === current}
            rightSection={i < 9 ? <Kbd size="xs">Alt+{i + 1}</Kbd> : undefined}
            data-testid={`nav-${r.path}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {current ? current.element() : <Text>{t('shell.nothing')}</Text>}
      </AppShell.Main>
    </AppShell>
  );
}
