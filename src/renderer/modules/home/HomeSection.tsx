import type { ReactNode } from 'react';
import { Alert, Badge, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';

/** One section of My page: its heading with a count, then its list, a wait, the refusal, or what "nothing" means here. */
export function HomeSection(p: { title: string; testId: string; count?: number; loading?: boolean; error?: unknown; empty: string; children?: ReactNode; isEmpty: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" radius="sm" component="section" aria-label={p.title} data-testid={p.testId} style={{ minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Title order={2} size="h5">
          {p.title}
        </Title>
        {p.count !== undefined && (
          <Badge variant="light" size="sm" data-testid={`${p.testId}-count`}>
            {p.count}
          </Badge>
        )}
      </Group>
      <div style={{ overflowY: 'auto', minHeight: 0 }}>
        {p.loading ? (
          <Loader size="sm" />
        ) : p.error ? (
          <Alert color="red" p="xs">
            {errorText(t, p.error)}
          </Alert>
        ) : p.isEmpty ? (
          <Text size="sm" c="dimmed">
            {p.empty}
          </Text>
        ) : (
          p.children
        )}
      </div>
    </Paper>
  );
}
