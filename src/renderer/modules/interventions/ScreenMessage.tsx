import { useEffect, useState } from 'react';
import { Alert, Button, CloseButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { openProducedFile, type ProducedFile } from '../../app/files';

/** `file`: a report just opened in the desktop app, offered for saving beside the message. */
export interface Message {
  text: string;
  color: string;
  file?: ProducedFile;
}

export type Say = (text: string, color?: string, file?: ProducedFile) => void;

/** The screen's one message line, cleared after a while. */
export function useScreenMessage() {
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (!message) return;
    // A report's "Save as…" stays longer than a plain message: the person may be reading the report first.
    const timer = setTimeout(() => setMessage(null), message.file ? 30_000 : 6000);
    return () => clearTimeout(timer);
  }, [message]);
  const say: Say = (text, color = 'green', file) => setMessage({ text, color, file });
  return { message, say, clear: () => setMessage(null) };
}

export function ScreenMessage({ message, say, onClose }: { message: Message | null; say: Say; onClose(): void }) {
  const { t } = useTranslation();
  if (!message) return null;
  const saveReport = async (f: ProducedFile) => {
    try {
      if (await openProducedFile(f, 'save')) say(t('common.saved'));
    } catch (e) {
      say(errorText(t, e), 'red');
    }
  };
  return (
    <Alert color={message.color} p={2} px={8} data-testid="iv-message" style={{ flexShrink: 1 }}>
      <Group gap={4} wrap="nowrap">
        <Text size="xs">{message.text}</Text>
        {message.file && (
          <Button size="compact-xs" variant="subtle" onClick={() => void saveReport(message.file!)} data-testid="iv-message-save">
            {t('files.saveAs')}
          </Button>
        )}
        <CloseButton size="xs" onClick={onClose} />
      </Group>
    </Alert>
  );
}
