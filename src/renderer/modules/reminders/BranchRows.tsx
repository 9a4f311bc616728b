import { Checkbox, Group, Table, Text, TextInput } from '@mantine/core';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { TableHead } from '../../components/tableParts';
import { useNestedError } from './offsets';
import { OffsetsField, useChannelOptions } from './PolicyFields';
import { AS_ORG, type RemindersForm } from './remindersForm';

/**
 * What a branch changes of the organization's policy, one row per branch: blank follows the organization. Quiet hours
 * are on the branch's own clock, so a branch in another zone is named with it.
 */
export function BranchRows({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const { control, getValues } = useFormContext<RemindersForm>();
  const rows = getValues('branches');
  if (!rows.length) return null;
  return (
    <Table withTableBorder fz="sm" verticalSpacing={2} horizontalSpacing={6} data-testid="rem-branches">
      <TableHead titles={[t('remindersUi.branch'), t('remindersUi.enabledShort'), t('remindersUi.quietHours'), t('remindersUi.offsets'), t('remindersUi.channelLabel')]} />
      <Table.Tbody>
        {rows.map((b, i) => (
          <BranchRow key={b.branchId} index={i} readOnly={readOnly} control={control} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function BranchRow({ index: i, readOnly, control }: { index: number; readOnly: boolean; control: ReturnType<typeof useFormContext<RemindersForm>>['control'] }) {
  const { t } = useTranslation();
  const { register } = useFormContext<RemindersForm>();
  const err = useNestedError<RemindersForm>();
  const channels = useChannelOptions();
  const row = useWatch({ control, name: `branches.${i}` });
  // What a blank follows: the organization's values, shown in the empty fields.
  const [orgStart, orgEnd, orgOffsets] = useWatch({ control, name: ['policy.quietStart', 'policy.quietEnd', 'policy.offsets'] });
  const asOrg = t('remindersUi.asOrganization');
  const testId = `rem-branch-${i}`;
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {row.branchName}
        </Text>
        <Text size="xs" c="dimmed">
          {row.timeZone}
        </Text>
      </Table.Td>
      <Table.Td w={180}>
        <SelectField<RemindersForm>
          control={control}
          name={`branches.${i}.enabled`}
          size="xs"
          aria-label={`${t('remindersUi.enabledShort')} · ${row.branchName}`}
          data={[
            { value: AS_ORG, label: asOrg },
            { value: 'on', label: t('remindersUi.on') },
            { value: 'off', label: t('remindersUi.off') },
          ]}
          allowDeselect={false}
          readOnly={readOnly}
          data-testid={`${testId}-enabled`}
        />
      </Table.Td>
      <Table.Td w={230}>
        <Group gap={4} wrap="nowrap">
          <TextInput size="xs" placeholder={orgStart} maxLength={5} aria-label={`${t('remindersUi.quietStart')} · ${row.branchName}`} readOnly={readOnly} {...register(`branches.${i}.quietStart`)} error={err(`branches.${i}.quietStart`)} data-testid={`${testId}-quiet-start`} />
          <TextInput size="xs" placeholder={orgEnd} maxLength={5} aria-label={`${t('remindersUi.quietEnd')} · ${row.branchName}`} readOnly={readOnly} {...register(`branches.${i}.quietEnd`)} error={err(`branches.${i}.quietEnd`)} data-testid={`${testId}-quiet-end`} />
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Checkbox size="xs" mt={6} label={t('remindersUi.ownOffsets')} disabled={readOnly} {...register(`branches.${i}.ownOffsets`)} data-testid={`${testId}-own-offsets`} />
          {!row.ownOffsets && (
            <Text size="xs" c="dimmed" mt={6}>
              {orgOffsets.join(', ')}
            </Text>
          )}
          {row.ownOffsets && (
            <OffsetsField<RemindersForm>
              control={control}
              name={`branches.${i}.offsets`}
              size="xs"
              aria-label={`${t('remindersUi.offsets')} · ${row.branchName}`}
              readOnly={readOnly}
              error={err(`branches.${i}.offsets`)}
              style={{ flex: 1 }}
              data-testid={`${testId}-offsets`}
            />
          )}
        </Group>
      </Table.Td>
      <Table.Td w={200}>
        <SelectField<RemindersForm>
          control={control}
          name={`branches.${i}.channel`}
          size="xs"
          aria-label={`${t('remindersUi.channelLabel')} · ${row.branchName}`}
          data={[{ value: AS_ORG, label: asOrg }, ...channels]}
          allowDeselect={false}
          readOnly={readOnly}
          data-testid={`${testId}-channel`}
        />
      </Table.Td>
    </Table.Tr>
  );
}
