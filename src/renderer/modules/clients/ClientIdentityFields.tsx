import { Grid, Input, SegmentedControl, TextInput } from '@mantine/core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CLIENT_KINDS } from '../../../shared/api/clients';
import type { ClientFormValues, ClientInput } from './clientForm';
import { ColleagueField, LanguageField } from '../../components/fields';

/** Who the client is: name, person or company, fiscal code, the language to write to them in, and who looks after them. */
export function ClientIdentityFields(p: { form: UseFormReturn<ClientFormValues, unknown, ClientInput>; readOnly: boolean }) {
  const { t } = useTranslation();
  const { register, control, formState } = p.form;
  const { errors } = formState;

  return (
    <Grid gap={8}>
      <Grid.Col span={8}>
        <TextInput label={t('fields.name')} withAsterisk data-autofocus {...register('name')} error={errors.name?.message} data-testid="client-name" />
      </Grid.Col>
      <Grid.Col span={4}>
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Input.Wrapper label={t('fields.kind')}>
              <SegmentedControl
                fullWidth
                size="xs"
                value={field.value}
                onChange={(v) => field.onChange(v)}
                data={CLIENT_KINDS.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))}
                disabled={p.readOnly}
                data-testid="client-kind"
              />
            </Input.Wrapper>
          )}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label={t('fields.fiscalCode')} {...register('fiscalCode')} error={errors.fiscalCode?.message} data-testid="client-fiscal-code" />
      </Grid.Col>
      <Grid.Col span={4}>
        <LanguageField control={control} name="preferredLanguage" label={t('fields.preferredLanguage')} error={errors.preferredLanguage?.message} data-testid="client-language" clearable />
      </Grid.Col>
      <Grid.Col span={4}>
        <ColleagueField control={control} name="responsibleId" label={t('fields.responsibleId')} error={errors.responsibleId?.message} data-testid="client-responsible" />
      </Grid.Col>
    </Grid>
  );
}
