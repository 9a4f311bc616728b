import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ANNEX_FIELDS, ANNEX_TIMELINE_FIELDS, type AnnexGroup } from '../../../shared/api/annexForms';
import classes from './annexForms.module.css';

/** The timeline as a table, one row per line: what a click on "Timeline" writes into the template. */
function timelineSnippet(t: (k: string) => string): string {
  const heads = Object.values(ANNEX_TIMELINE_FIELDS).map((k) => `<th>${t(k)}</th>`).join('');
  const cells = Object.keys(ANNEX_TIMELINE_FIELDS).map((f) => `<td>{{ line.${f} }}</td>`).join('');
  return `<table>\n  <tr>${heads}</tr>\n  {% for line in timeline %}\n  <tr>${cells}</tr>\n  {% endfor %}\n</table>\n`;
}

/** The fields a template may print, under their names in the reader's language; a click inserts one at the cursor. */
export function AnnexFieldList({ onInsert }: { onInsert(text: string): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} className={classes.fields} data-testid="annex-fields" aria-label={t('annex.fieldsTitle')}>
      <Text size="xs" c="dimmed">
        {t('annex.fieldsHint')}
      </Text>
      {(Object.keys(ANNEX_FIELDS) as AnnexGroup[]).map((group) => (
        <Stack key={group} gap={0}>
          <Text size="xs" fw={700} mt={4}>
            {t(`annex.groups.${group}`)}
          </Text>
          {Object.entries(ANNEX_FIELDS[group]).map(([field, label]) => (
            <Button
              key={field}
              size="compact-sm"
              variant="subtle"
              justify="flex-start"
              title={`{{ ${group}.${field} }}`}
              onClick={() => onInsert(`{{ ${group}.${field} }}`)}
              data-testid={`annex-field-${group}.${field}`}
            >
              {t(label)}
            </Button>
          ))}
        </Stack>
      ))}
      <Text size="xs" fw={700} mt={4}>
        {t('annex.groups.timeline')}
      </Text>
      <Button size="compact-sm" variant="subtle" justify="flex-start" onClick={() => onInsert(timelineSnippet(t))} data-testid="annex-field-timeline">
        {t('annex.timelineTable')}
      </Button>
    </Stack>
  );
}
