import { DiscardDialog } from '../../components/DiscardDialog';
import { useState } from 'react';
import { Alert, Center, Divider, Drawer, Grid, Loader, Stack } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { InterventionDetail } from '../../../shared/api/interventions';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { deviceZone } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { RecordFailure } from '../../components/FormDialog';
import { useRecordDrawer } from '../../components/recordForm';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { CallFields } from './CallFields';
import { ClassificationFields } from './ClassificationFields';
import { ClientFields } from './ClientFields';
import { ReasonDialog } from './dialogs';
import { DocumentFields } from './DocumentFields';
import { FormFooter } from './FormFooter';
import { FormHeader } from './FormHeader';
import { FORM_FIELDS, interventionResolver, newValues, valuesFromDetail, type InterventionFormValues, type InterventionInput } from './formValues';
import { SavedElsewhere, UnderneathMarks } from './SavedElsewhere';
import { ScheduleFields } from './ScheduleFields';
import { FormOverlapNote } from './OverlapNote';
import { useHelpTopic } from '../../app/help';
import { FORM_HELP } from './help';
import { usePrintPreviewOpen } from '../../app/FilePreview';
import { Timeline } from './Timeline';
import { useBranchClock, useClientLinks } from './useFormLinks';
import { useInterventionActions } from './useInterventionActions';

export interface InterventionFormProps {
  opened: boolean;
  /** null: a new intervention */
  id: string | null;
  onClose(): void;
  /** The drawer has gone (its closing animation over): the screen puts the focus back where the form was opened from. */
  onClosed?(): void;
  /** After a save: the screen refreshes the grid and selects the row. */
  onSaved(d: InterventionDetail, closed: boolean): void;
}

/**
 * One intervention in a drawer, fields in the order a call goes (Tab / Shift-Tab walk them), Enter or Ctrl+S saves, Esc closes
 * (asking first when something was typed). Below: the workflow buttons that apply, and the timeline.
 * Status is derived by main and only shown.
 */
export function InterventionForm(p: InterventionFormProps) {
  const { t } = useTranslation();
  const can = useCan();
  const { user } = useSession();
  const canWrite = can('interventions', 'write');
  const canApprove = can('interventions', 'approve');

  useHelpTopic(FORM_HELP, p.opened);
  const previewOpen = usePrintPreviewOpen();
  const detail = useApiQuery('interventions.get', { id: p.id ?? '' }, { enabled: !!p.id, staleTime: 0 });
  const form = useForm<InterventionFormValues, unknown, InterventionInput>({
    resolver: interventionResolver(),
    defaultValues: newValues(user.branchIds[0] ?? null, deviceZone()),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  // Read during render: react-hook-form only tracks the parts of formState a render has asked for.
  const { isDirty } = form.formState;
  const d = detail.data;
  const closedDoc = !!d && (d.status === 'cancelled' || d.status === 'finalized');
  const readOnly = !canWrite || closedDoc;

  const [askCancel, setAskCancel] = useState(false);
  const links = useClientLinks(form);
  const asking = askCancel || links.newClient !== null;
  const drawer = useRecordDrawer({ form, fields: FORM_FIELDS, record: detail, isNew: !p.id, toValues: valuesFromDetail, readOnly, onClose: p.onClose, asking });
  const actions = useInterventionActions({ id: p.id, form, readOnly, drawer, onSaved: p.onSaved });
  const branches = useBranchClock(form, !p.id);

  const save = () => actions.save(drawer.asking);
  useSaveShortcut(p.opened, save);

  const isAssignee = !!d && d.takenById === user.id;
  const allowed = {
    confirm: !!d && canWrite && d.status === 'allocated' && (isAssignee || canApprove) && !isDirty,
    finalize: !!d && canWrite && d.status === 'confirmed' && !d.pendingApproval,
    validate: !!d && canWrite && !d.valid && d.status !== 'cancelled',
    cancel: !!d && canWrite && !closedDoc && !d.pendingApproval,
    print: !!p.id,
  };
  const section = { form, readOnly, detail: d };

  return (
    <>
      <Drawer.Root
        opened={p.opened}
        onClose={drawer.requestClose}
        position="right"
        size={1060}
        closeOnEscape={!drawer.asking && !previewOpen}
        zIndex={200}
        // The element focused before it opened may be a grid cell redrawn since: the screen knows the row, not the element.
        returnFocus={false}
        onExitTransitionEnd={p.onClosed}
      >
        <Drawer.Overlay />
        <Drawer.Content data-testid="intervention-form" style={{ display: 'flex', flexDirection: 'column', width: 'min(1060px, 100vw)', flex: '0 0 auto', marginLeft: 'auto' }}>
          <FormHeader isNew={!p.id} detail={d} />
          <Drawer.Body style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} pt={8}>
            {!drawer.loaded ? (
              <Center h={200}>{detail.isError ? <Alert color="red">{errorText(t, detail.error)}</Alert> : <Loader size="sm" />}</Center>
            ) : (
              <Stack gap={10}>
                {closedDoc && (
                  <Alert color="gray" p={6}>
                    {d.status === 'cancelled' ? t('interventions.form.cancelledInfo', { reason: d.cancelReason ?? '' }) : t('interventions.form.finalizedInfo')}
                  </Alert>
                )}
                <SavedElsewhere newer={drawer.newer} changes={drawer.underneath} dirty={isDirty} onReload={() => void drawer.reloadKeeping()} onDismiss={drawer.dismissUnderneath} />
                <RecordFailure failure={drawer.failure} onReload={() => void drawer.reloadKeeping()} testId="intervention-form-error" />
                {actions.notice && (
                  <Alert color="orange" p={6} data-testid="intervention-form-notice">
                    {actions.notice}
                  </Alert>
                )}
                <form
                  id="intervention-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    save();
                  }}
                  noValidate
                >
                  <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                    <UnderneathMarks changes={drawer.underneath} choose={drawer.choose}>
                      <Grid gap={8}>
                        {/* In the order of the call, Tab and eye alike: who, the problem, how urgent, what, on what, when, who goes; then the rest. */}
                        <ClientFields {...section} branches={branches} links={links} />
                        <CallFields {...section} links={links} />
                        <ScheduleFields {...section} />
                        <FormOverlapNote form={form} id={p.id} />
                        <DocumentFields {...section} />
                        <ClassificationFields form={form} readOnly={readOnly} />
                      </Grid>
                    </UnderneathMarks>
                  </fieldset>
                  {/* Enter in a text box submits the form. */}
                  <button type="submit" hidden tabIndex={-1} aria-hidden />
                </form>
                {d && (
                  <>
                    <Divider />
                    <Timeline detail={d} readOnly={!canWrite || d.status === 'cancelled'} />
                  </>
                )}
              </Stack>
            )}
          </Drawer.Body>
          <FormFooter
            can={allowed}
            readOnly={readOnly}
            acting={actions.acting}
            saving={actions.saving}
            loading={!drawer.loaded}
            onAct={(step) => void actions.act(step)}
            onCancelDoc={() => setAskCancel(true)}
            onPrint={actions.print}
            onClose={drawer.requestClose}
            id={p.id}
            onRefusal={drawer.refuse}
          />
        </Drawer.Content>
      </Drawer.Root>

      <DiscardDialog discard={drawer.discard} message={t('interventions.form.discardMessage')} testId="intervention-discard" />
      <ReasonDialog opened={askCancel} title={t('interventions.actions.cancelTitle')} testId="intervention-cancel" onConfirm={actions.cancelDoc} onClose={() => setAskCancel(false)} />
    </>
  );
}
