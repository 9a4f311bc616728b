import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button, Kbd, Loader, Modal, Text, Title, List } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { parseHelp, type Inline } from './helpMarkdown';

/** One screen's help: its name (an i18n key) and its page in a language, kept beside the screen's code. */
export interface HelpTopic {
  id: string;
  titleKey: string;
  load(lng: Language): Promise<string | null>;
}

// The topics of what is on screen, innermost last (a form drawer over its grid): F1 explains the innermost.
let shown: HelpTopic[] = [];
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** A screen (or a drawer while `active`) says which help page explains it. */
export function useHelpTopic(topic: HelpTopic, active = true): void {
  useEffect(() => {
    if (!active) return;
    shown = [...shown, topic];
    changed();
    return () => {
      shown = shown.filter((t) => t !== topic);
      changed();
    };
  }, [topic, active]);
}

function useCurrentTopic(): HelpTopic | undefined {
  return useSyncExternalStore(subscribe, () => shown.at(-1));
}

/** F1 anywhere (a field included) and the header's Help button open the page of the screen in front. */
export function HelpButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const topic = useCurrentTopic();
  useHotkeys([['F1', () => setOpen(true), { preventDefault: true }]], []);
  return (
    <>
      <Button variant="subtle" onClick={() => setOpen(true)} rightSection={<Kbd size="xs">F1</Kbd>} data-testid="help-button">
        {t('help.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} size="lg" zIndex={500} title={t('help.title', { screen: t(topic?.titleKey ?? 'help.screens.other') })} data-testid="help-dialog">
        {open && <HelpPage topic={topic} />}
      </Modal>
    </>
  );
}

function HelpPage({ topic }: { topic: HelpTopic | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const [page, setPage] = useState<{ key: string; text: string | null } | null>(null);
  const key = `${topic?.id}:${lng}`;
  useEffect(() => {
    let live = true;
    if (topic) void topic.load(lng).then((text) => live && setPage({ key, text }));
    return () => {
      live = false;
    };
  }, [topic, lng, key]);
  if (!topic || (page?.key === key && !page.text)) return <Text data-testid="help-none">{t('help.none')}</Text>;
  if (page?.key !== key) return <Loader size="sm" />;
  return (
    <div className="pl-help" data-testid="help-page" lang={lng}>
      {parseHelp(page.text!).map((b, i) =>
        b.kind === 'list' ? (
          <List key={i} size="sm" spacing={2} mb="xs">
            {b.items.map((item, j) => (
              <List.Item key={j}>{inline(item)}</List.Item>
            ))}
          </List>
        ) : b.kind === 'p' ? (
          <Text key={i} size="sm" mb="xs">
            {inline(b.parts)}
          </Text>
        ) : (
          <Title key={i} order={b.kind === 'h1' ? 2 : 3} size={b.kind === 'h1' ? 'h4' : 'h5'} mt={i ? 'sm' : 0} mb={4}>
            {inline(b.parts)}
          </Title>
        ),
      )}
      <Text size="xs" c="dimmed" mt="md">
        {t('help.hint')}
      </Text>
    </div>
  );
}

function inline(parts: Inline[]) {
  return parts.map((p, i) => (p.kind === 'key' ? <Kbd key={i}>{p.text}</Kbd> : p.kind === 'bold' ? <b key={i}>{p.text}</b> : <span key={i}>{p.text}</span>));
}
