import { useEffect, useEffectEvent } from 'react';
import { SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { FIELD_MODES, MAX_CHATS_EACH, MAX_ESCALATE_MINUTES, QUESTIONNAIRE_FIELDS } from '../../../shared/api/chatSettings';
import { CHAT_STRATEGIES } from '../../../shared/chat/routing';
import { LANGUAGES, LANGUAGE_NAMES } from '../../../shared/i18n/languages';
import { call } from '../../app/api';
import { apiQueryKey } from '../../app/apiQuery';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { cleanedResolver } from '../../components/screen';
import { NumberField, SelectField } from '../../components/fields';
import { CHAT_ORG_FIELDS, toForm, toInput, type ChatOrgForm, type Settings } from './chatForm';

/** How conversations are routed and what the widget asks the visitor before the first message. */
export function OrgChatForm({ settings, readOnly }: { settings: Settings['org']; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ resolver: cleanedResolver(api['chatSettings.saveOrg'].input, (v: ChatOrgForm) => toInput(v, settings.version)), defaultValues: toForm(settings) });
  const { control, register, formState, reset, watch } = form;
  const { isDirty } = formState;
  // Someone else saved (a refetch): show their values unless this form has unsaved edits.
  const arrived = useEffectEvent((s: Settings['org']) => {
    if (!isDirty) reset(toForm(s));
  });
  useEffect(() => arrived(settings), [settings]);
  const { err, shell } = useFormShell(form, CHAT_ORG_FIELDS, async (values) => {
    const saved = await call('chatSettings.saveOrg', values);
    qc.setQueryData(apiQueryKey('chatSettings.get', {}), saved);
    reset(toForm(saved.org));
  });
  const strategy = watch('strategy');
  const modes = FIELD_MODES.map((m) => ({ value: m, label: t(`chatSettings.mode.${m}`) }));

  return (
    <FormProvider {...form}>
      <SettingsForm name="chat-org" readOnly={readOnly} onReset={() => reset(toForm(settings))} {...shell}>
        <Title order={2} size="h5">
          {t('chatSettings.routing')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs" verticalSpacing={6}>
          <SelectField<ChatOrgForm>
            control={control}
            name="strategy"
            label={t('chatSettings.strategy')}
            description={t(`chatSettings.strategyHint.${strategy}`)}
            data={CHAT_STRATEGIES.map((s) => ({ value: s, label: t(`chatSettings.strategies.${s}`) }))}
            allowDeselect={false}
            readOnly={readOnly}
            data-testid="chat-strategy"
          />
          <NumberField<ChatOrgForm>
            control={control}
            name="escalateAfterMinutes"
            label={t('chatSettings.escalateAfter')}
            description={t('chatSettings.escalateAfterHint')}
            min={0}
            max={MAX_ESCALATE_MINUTES}
            allowDecimal={false}
            readOnly={readOnly}
            error={err('escalateAfterMinutes')}
            data-testid="chat-escalate"
          />
          <NumberField<ChatOrgForm>
            control={control}
            name="maxChatsEach"
            label={t('chatSettings.maxChatsEach')}
            description={t('chatSettings.maxChatsEachHint')}
            min={1}
            max={MAX_CHATS_EACH}
            allowDecimal={false}
            readOnly={readOnly}
            error={err('maxChatsEach')}
            data-testid="chat-max-chats"
          />
        </SimpleGrid>
        <Title order={2} size="h5" mt={6}>
          {t('chatSettings.questionnaire')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('chatSettings.questionnaireHint')}
        </Text>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={6}>
          {QUESTIONNAIRE_FIELDS.map((f) => (
            <SelectField<ChatOrgForm>
              key={f}
              control={control}
              name={`questionnaire.${f}`}
              label={t(`chatSettings.fields.${f}`)}
              data={modes}
              allowDeselect={false}
              readOnly={readOnly}
              data-testid={`chat-field-${f}`}
            />
          ))}
        </SimpleGrid>
        <Stack gap={6}>
          <Textarea label={t('chatSettings.topics')} description={t('chatSettings.topicsHint')} autosize minRows={3} maxRows={8} readOnly={readOnly} {...register('topics')} data-testid="chat-topics" />
        </Stack>
        <Title order={2} size="h5" mt={6}>
          {t('chatSettings.greetings')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('chatSettings.greetingsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" verticalSpacing={6}>
          {LANGUAGES.map((l) => (
            <TextInput key={l} label={LANGUAGE_NAMES[l]} lang={l} readOnly={readOnly} {...register(`greetings.${l}`)} data-testid={`chat-greeting-${l}`} />
          ))}
        </SimpleGrid>
        <Title order={2} size="h5" mt={6}>
          {t('chatSettings.widgetLook')}
        </Title>
        {/* No preview: the app's content policy loads no pictures from other sites. */}
        <TextInput
          label={t('chatSettings.logoUrl')}
          description={t('chatSettings.logoUrlHint')}
          placeholder="https://"
          readOnly={readOnly}
          error={err('logoUrl')}
          {...register('logoUrl')}
          data-testid="chat-logo-url"
        />
      </SettingsForm>
    </FormProvider>
  );
}
