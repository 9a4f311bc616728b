import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Divider,
  Drawer,
  Grid,
  Group,
  Input,
  Kbd,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { PRIORITIES, type InterventionDetail, type Status } from '../../../shared/api/interventions';
import { deriveStatus } from '../../../shared/rules/interventions';
import { call } from '../../app/api';
import { apiError, errorText } from '../../app/errors';
import { openProducedFile } from '../../app/files';
import { deviceZone, useFormat, useZoneNote } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { applyServerError } from '../../components/form';
import { ConfirmDialog, ReasonDialog } from './dialogs';
import { FORM_FIELDS, interventionResolver, newValues, valuesFromDetail, type InterventionFormValues, type InterventionInput } from './formValues';
import { documentName, seriesName } from '../../../shared/rules/series';
import { PRIORITY_COLOR, STATUS_COLOR, priorityLabel, statusLabel, toLocalInput } from './model';
import { ClientSelect, KeySelect, UserSelect } from './selects';
import { NomenclatureSelect } from '../nomenclature/NomenclatureSelect';
import { ObjectSelect } from './ObjectSelect';
import { Timeline } from './Timeline';
import { DateField, DateTimeField } from './DateFields';
import { EvolutionSheetButton } from './StandardReports';

export interface InterventionFormProps {
  opened: boolean;
  /** null: a new intervention */
  id: string | null;
  onClose(): void;
  /** After a save: the screen refreshes the grid and selects the row. */
  onSaved(d: InterventionDetail, closed: boolean): void;
}

type Action = 'validate' | 'confirm' | 'finalize';

/**
 * One intervention in a drawer, fields in the seed's order (Tab / Shift-Tab walk them), Enter or Ctrl+S saves, Esc closes
 * (asking first when something was typed). Below: the workflow buttons that apply, and the timeline.
 * Status is derived by main and only shown.
 */
export function InterventionForm(p: InterventionFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const { user } = useSession();
  const qc = useQueryClient();
  const canWrite = can('interventions', 'write');
  const canApprove = can('interventions', 'approve');

  const [currentId, setCurrentId] = useState<string | null>(p.id);
  const detail = useQuery({
    queryKey: ['interventions.get', { id: currentId }],
    queryFn: () => call('interventions.get', { id: currentId! }),
    enabled: !!currentId,
    staleTime: 0,
  });
  const branches = useQuery({ queryKey: ['branches.list', {}], queryFn: () => call('branches.list', {}), staleTime: 60_000 });
  const myBranches = useMemo(() => (branches.data ?? []).filter((b) => user.branchIds.includes(b.id)), [branches.data, user.branchIds]);

  const form = useForm<InterventionFormValues, unknown, InterventionInput>({
    resolver: interventionResolver(),
    defaultValues: newValues(user.branchIds[0] ?? null, deviceZone()),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, reset, resetField, setError, formState, watch, setValue, getValues } = form;
  const errors = formState.errors;
  const d = detail.data;
  const closedDoc = !!d && (d.status === 'cancelled' || d.status === 'finalized');
  const readOnly = !canWrite || closedDoc;

  const version = useRef<number | null>(null);
  const [failure, setFailure] = useState<{ text: string; stale: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [acting, setActing] = useState<Action | 'cancel' | 'print' | null>(null);
  const [askDiscard, setAskDiscard] = useState(false);
  const [askCancel, setAskCancel] = useState(false);
  const innerOpen = askDiscard || askCancel;

  // A new intervention belongs to the clerk's first branch.
  useEffect(() => {
    if (!currentId && !getValues('branchId') && myBranches[0]) setValue('branchId', myBranches[0].id);
  }, [myBranches]);

  // Start and end are on the branch's clock: the zone follows the branch chosen.
  const branchId = watch('branchId');
  const timeZone = watch('timeZone');
  useEffect(() => {
    const zone = (branches.data ?? []).find((b) => b.id === branchId)?.timeZone;
    // Not the clerk's input: it moves the default with it, so an untouched form stays untouched.
    if (zone && zone !== getValues('timeZone')) {
      resetField('timeZone', { defaultValue: zone });
      setValue('timeZone', zone);
    }
  }, [branchId, branches.data]);
  const zoneNote = useZoneNote(timeZone);

  // Load once; a newer version from someone else replaces it only while nothing was typed here.
  useEffect(() => {
    if (!d || (version.current !== null && (d.version === version.current || formState.isDirty))) return;
    version.current = d.version;
    reset(valuesFromDetail(d));
  }, [d]);

  const clientId = watch('clientId');
  const client = useQuery({ queryKey: ['clients.get', { id: clientId }], queryFn: () => call('clients.get', { id: clientId! }), enabled: !!clientId });
  const clientInfo = useMemo(() => {
    const c = client.data;
    if (!c) return d && clientId === d.clientId ? d.clientInfo : '';
    const a = c.addresses[0];
    return [c.fiscalCode, c.phones[0]?.number, c.emails[0]?.address, a ? [a.street, a.locality, a.county, a.country].filter(Boolean).join(', ') : null].filter(Boolean).join(' · ');
  }, [client.data, d, clientId]);
  const contactOptions = useMemo(() => (client.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.position ? `${c.name} (${c.position})` : c.name })), [client.data]);

  // The object as last taken from the client's own objects (product + serial), while the fields still hold it.
  const pickedObject = useRef<{ productId: string; serial: string } | null>(null);
  const stillPicked = () => {
    const o = pickedObject.current;
    return !!o && getValues('objectProductId') === o.productId && getValues('objectSerial') === o.serial;
  };
  const pickObject = (productId: string | null, serial: string | undefined) => {
    // A product from the list (or none) drops the serial that came with the client's object it replaces; a typed serial stays.
    if (serial === undefined && stillPicked()) setValue('objectSerial', '', { shouldDirty: true });
    setValue('objectProductId', productId, { shouldDirty: true });
    if (serial !== undefined) setValue('objectSerial', serial, { shouldDirty: true });
    pickedObject.current = productId && serial !== undefined ? { productId, serial } : null;
  };

  // Another client: its contact, contract and estimate no longer apply, nor an object taken from the previous client's.
  const lastClient = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (lastClient.current !== undefined && lastClient.current !== clientId) {
      setValue('contactId', null, { shouldDirty: true });
      setValue('contractId', null, { shouldDirty: true });
      setValue('estimateId', null, { shouldDirty: true });
      if (stillPicked()) pickObject(null, undefined);
    }
    lastClient.current = clientId;
  }, [clientId]);

  const series = useQuery({ queryKey: ['series.list', { docType: 'intervention' }], queryFn: () => call('series.list', { docType: 'intervention' }), staleTime: 60_000, retry: false });
  const seriesOptions = useMemo(() => {
    const current = getValues('seriesId');
    const list = (series.data ?? []).filter((s) => s.branchId === branchId && (s.active || s.id === current)).map((s) => ({ value: s.id, label: seriesName(s.prefix) }));
    if (current && !list.some((o) => o.value === current) && d?.series) list.push({ value: current, label: d.series });
    return list;
  }, [series.data, branchId, d]);

  const showRefusal = (err: unknown) => {
    const e = apiError(err);
    if (applyServerError(err, setError, FORM_FIELDS)) {
      setFailure(null);
      return;
    }
    setFailure({ text: errorText(t, err), stale: e?.key === 'errors.stale' });
  };

  const afterChange = (res: InterventionDetail) => {
    version.current = res.version;
    qc.setQueryData(['interventions.get', { id: res.id }], res);
    reset(valuesFromDetail(res));
  };

  const persist = async (input: InterventionInput): Promise<InterventionDetail | null> => {
    setSaving(true);
    setFailure(null);
    try {
      const res = currentId ? await call('interventions.update', { id: currentId, version: version.current ?? 1, ...input }) : await call('interventions.create', input);
      afterChange(res);
      return res;
    } catch (e) {
      showRefusal(e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    if (readOnly || saving || innerOpen) return;
    void handleSubmit(async (input) => {
      const res = await persist(input);
      if (res) p.onSaved(res, true);
    })();
  };

  /** A workflow step on what the person sees: unsaved edits are saved first. */
  const act = async (action: Action) => {
    if (!currentId || acting) return;
    setFailure(null);
    setNotice(null);
    let ver = version.current ?? 1;
    if (formState.isDirty && !readOnly) {
      let saved: InterventionDetail | null = null;
      await handleSubmit(async (input) => {
        saved = await persist(input);
      })();
      if (!saved) return;
      ver = (saved as InterventionDetail).version;
    }
    setActing(action);
    try {
      const res = await call(`interventions.${action}`, { id: currentId, version: ver });
      afterChange(res);
      if (res.pendingApproval) setNotice(t('interventions.form.sentForApproval'));
      p.onSaved(res, false);
    } catch (e) {
      showRefusal(e);
    } finally {
      setActing(null);
    }
  };

  const cancelDoc = async (reason: string) => {
    const res = await call('interventions.cancel', { id: currentId!, version: version.current ?? 1, reason });
    afterChange(res);
    if (res.pendingApproval) setNotice(t('interventions.form.sentForApproval'));
    p.onSaved(res, false);
  };

  const print = async () => {
    if (!currentId) return;
    setActing('print');
    setFailure(null);
    try {
      const f = await call('reports.interventionForm', { id: currentId });
      // Desktop: the PDF opens in the system's viewer, to print from there. Web mode downloads it.
      await openProducedFile(f, 'print');
    } catch (e) {
      showRefusal(e);
    } finally {
      setActing(null);
    }
  };

  const reload = async () => {
    const r = await detail.refetch();
    if (r.data) {
      afterChange(r.data);
      setFailure(null);
    }
  };

  const requestClose = () => {
    if (innerOpen) return;
    // Opened after this key event: the question's own Esc handler would otherwise close it at once.
    if (formState.isDirty && !readOnly) setTimeout(() => setAskDiscard(true));
    else p.onClose();
  };

  useSaveShortcut(p.opened, save);

  useEffect(() => setCurrentId(p.id), [p.id]);

  // Status is main's; while typing, the form shows what it will become (the shared rule main applies).
  const [wStart, wEnd, wTaken, wResp] = watch(['startAt', 'endAt', 'takenById', 'responsibleId']);
  const status: Status =
    d && (d.status === 'cancelled' || d.status === 'finalized' || !formState.isDirty)
      ? d.status
      : deriveStatus({
          startAt: wStart || null,
          endAt: wEnd || null,
          takenById: wTaken,
          responsibleId: wResp,
          assigneeConfirmedAt: d && d.takenById === wTaken && toLocalInput(d.startAt, d.timeZone) === wStart && toLocalInput(d.endAt, d.timeZone) === wEnd ? d.assigneeConfirmedAt : null,
          finalizedAt: null,
          cancelledAt: null,
        });
  const savedStatus = d?.status ?? 'received';
  const isAssignee = !!d && d.takenById === user.id;
  const canConfirm = !!d && canWrite && d.status === 'allocated' && (isAssignee || canApprove) && !formState.isDirty;
  const canFinalize = !!d && canWrite && d.status === 'confirmed' && !d.pendingApproval;
  const canValidate = !!d && canWrite && !d.valid && d.status !== 'cancelled';
  const canCancel = !!d && canWrite && !closedDoc && !d.pendingApproval;
  const loading = !!currentId && !d;

  const title = !currentId
    ? t('interventions.form.new')
    : d
      ? t('interventions.form.title', { number: documentName(d.number, t('interventions.form.draft')), date: fmt.date(`${d.docDate}T12:00:00Z`) })
      : t('common.loading');

  const sel = (name: (typeof FORM_FIELDS)[number], label: string, el: (field: { value: string | null; onChange(v: string | null): void; onBlur(): void; ref: React.Ref<HTMLInputElement> }) => React.ReactNode) => (
    <Controller control={control as Control<InterventionFormValues>} name={name} render={({ field }) => <>{el({ value: field.value as string | null, onChange: field.onChange, onBlur: field.onBlur, ref: field.ref })}</>} />
  );
  const err = (k: (typeof FORM_FIELDS)[number]) => errors[k]?.message as string | undefined;

  return (
    <>
      <Drawer.Root opened={p.opened} onClose={requestClose} position="right" size={1060} closeOnEscape={!innerOpen} zIndex={200}>
        <Drawer.Overlay />
        <Drawer.Content data-testid="intervention-form" style={{ display: 'flex', flexDirection: 'column', width: 'min(1060px, 100vw)', flex: '0 0 auto', marginLeft: 'auto' }}>
          <Drawer.Header py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Group gap="xs" wrap="nowrap">
              <Drawer.Title fw={700} data-testid="intervention-form-title">
                {title}
              </Drawer.Title>
              {currentId && d && (
                <>
                  <Badge color={STATUS_COLOR[savedStatus]} variant="filled" data-testid="intervention-status" data-status={savedStatus}>
                    {statusLabel(t, savedStatus)}
                  </Badge>
                  {d.valid && (
                    <Badge color="indigo" variant="light" data-testid="intervention-valid">
                      {t('interventions.col.valid')}
                    </Badge>
                  )}
                  {d.pendingApproval && (
                    <Badge color="orange" variant="light" data-testid="intervention-pending">
                      {t(`interventions.form.pending.${d.pendingApproval}`)}
                    </Badge>
                  )}
                </>
              )}
            </Group>
            <Drawer.CloseButton aria-label={t('common.close')} tabIndex={-1} />
          </Drawer.Header>
          <Drawer.Body style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} pt={8}>
            {loading ? (
              <Center h={200}>{detail.isError ? <Alert color="red">{errorText(t, detail.error)}</Alert> : <Loader size="sm" />}</Center>
            ) : (
              <Stack gap={10}>
                {closedDoc && (
                  <Alert color="gray" p={6}>
                    {d?.status === 'cancelled' ? t('interventions.form.cancelledInfo', { reason: d.cancelReason ?? '' }) : t('interventions.form.finalizedInfo')}
                  </Alert>
                )}
                {failure && (
                  <Alert color="red" role="alert" p={6} data-testid="intervention-form-error">
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm">{failure.text}</Text>
                      {failure.stale && (
                        <Button size="compact-xs" variant="white" color="red" onClick={reload}>
                          {t('clients.reload')}
                        </Button>
                      )}
                    </Group>
                  </Alert>
                )}
                {notice && (
                  <Alert color="orange" p={6} data-testid="intervention-form-notice">
                    {notice}
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
                    <Grid gap={8}>
                      {myBranches.length > 1 && (
                        <Grid.Col span={12}>
                          {sel('branchId', 'branch', (f) => (
                            <Select
                              ref={f.ref}
                              label={t('fields.branchId')}
                              data={myBranches.map((b) => ({ value: b.id, label: b.name }))}
                              value={f.value}
                              onChange={(v) => f.onChange(v)}
                              allowDeselect={false}
                              w={240}
                              error={err('branchId')}
                              data-testid="f-branch"
                            />
                          ))}
                        </Grid.Col>
                      )}
                      <Grid.Col span={5}>
                        {sel('clientId', 'client', (f) => (
                          <ClientSelect
                            ref={f.ref}
                            label={t('interventions.col.client')}
                            withAsterisk
                            data-autofocus
                            value={f.value}
                            valueLabel={d && f.value === d.clientId ? d.clientInfo.split(' · ')[0] : undefined}
                            onChange={f.onChange}
                            onBlur={f.onBlur}
                            error={err('clientId')}
                            placeholder={t('interventions.form.clientHint')}
                            data-testid="f-client"
                          />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={7}>
                        <TextInput label={t('interventions.form.clientInfo')} value={clientInfo} readOnly tabIndex={-1} variant="filled" data-testid="f-client-info" />
                      </Grid.Col>

                      <Grid.Col span={4}>
                        <Controller
                          control={control}
                          name="priority"
                          render={({ field }) => (
                            <Input.Wrapper size="xs" label={t('interventions.col.priority')}>
                              <SegmentedControl
                                fullWidth
                                size="xs"
                                value={field.value}
                                onChange={(v) => field.onChange(v)}
                                color={PRIORITY_COLOR[field.value]}
                                data={PRIORITIES.map((pr) => ({ value: pr, label: priorityLabel(t, pr) }))}
                                disabled={readOnly}
                                data-testid="f-priority"
                              />
                            </Input.Wrapper>
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={2} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 10 }}>
                        <Controller
                          control={control}
                          name="confirmedReal"
                          render={({ field }) => (
                            <Checkbox
                              ref={field.ref}
                              label={t('interventions.form.confirmedReal')}
                              checked={field.value}
                              onChange={(e) => field.onChange(e.currentTarget.checked)}
                              data-testid="f-confirmed-real"
                            />
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={6}>
                        {sel('contactId', 'contact', (f) => (
                          <KeySelect
                            ref={f.ref}
                            label={t('interventions.col.contact')}
                            data={contactOptions}
                            value={f.value}
                            onChange={f.onChange}
                            onBlur={f.onBlur}
                            disabled={readOnly || !clientId}
                            error={err('contactId')}
                            data-testid="f-contact"
                          />
                        ))}
                      </Grid.Col>

                      <Grid.Col span={4}>
                        {sel('typeId', 'type', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="intervention_type" label={t('interventions.col.type')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('typeId')} data-testid="f-type" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={2}>
                        {sel('seriesId', 'series', (f) => (
                          <KeySelect
                            ref={f.ref}
                            label={t('interventions.col.series')}
                            data={seriesOptions}
                            value={f.value}
                            onChange={f.onChange}
                            disabled={readOnly || !!d?.valid}
                            placeholder={t('interventions.form.seriesAuto')}
                            error={err('seriesId')}
                            data-testid="f-series"
                          />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={2}>
                        <Controller
                          control={control}
                          name="docDate"
                          render={({ field }) => (
                            <DateField ref={field.ref} label={t('interventions.col.docDate')} timeZone={timeZone} withAsterisk value={field.value} onChange={field.onChange} readOnly={!!d?.valid} error={err('docDate')} data-testid="f-doc-date" />
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={4}>
                        {sel('objectProductId', 'object', (f) => (
                          <ObjectSelect
                            ref={f.ref}
                            label={t('interventions.col.object')}
                            clientId={clientId}
                            excludeId={currentId}
                            value={f.value}
                            onChange={pickObject}
                            onBlur={f.onBlur}
                            disabled={readOnly}
                            error={err('objectProductId')}
                            data-testid="f-object"
                          />
                        ))}
                      </Grid.Col>

                      <Grid.Col span={4}>
                        {sel('responsibleId', 'responsible', (f) => (
                          <UserSelect
                            ref={f.ref}
                            label={t('interventions.form.responsible')}
                            value={f.value}
                            onChange={f.onChange}
                            onBlur={f.onBlur}
                            disabled={readOnly}
                            error={err('responsibleId')}
                            branchId={branchId}
                            data-testid="f-responsible"
                          />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={2}>
                        <Input.Wrapper size="xs" label={t('interventions.col.status')}>
                          <div style={{ height: 30, display: 'flex', alignItems: 'center' }}>
                            <Tooltip label={t('interventions.form.statusHint')} multiline w={260} withinPortal zIndex={500}>
                              <Badge color={STATUS_COLOR[status]} variant="light" data-testid="f-status" data-status={status}>
                                {statusLabel(t, status)}
                              </Badge>
                            </Tooltip>
                          </div>
                        </Input.Wrapper>
                      </Grid.Col>
                      <Grid.Col span={4}>
                        {sel('takenById', 'takenBy', (f) => (
                          <UserSelect
                            ref={f.ref}
                            label={t('interventions.col.takenBy')}
                            value={f.value}
                            onChange={f.onChange}
                            onBlur={f.onBlur}
                            disabled={readOnly}
                            error={err('takenById')}
                            branchId={branchId}
                            data-testid="f-taken-by"
                          />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={2}>
                        <TextInput label={t('interventions.col.objectSerial')} maxLength={100} {...register('objectSerial')} error={err('objectSerial')} data-testid="f-serial" />
                      </Grid.Col>

                      <Grid.Col span={3}>
                        <Controller
                          control={control}
                          name="startAt"
                          render={({ field }) => (
                            <DateTimeField
                              ref={field.ref}
                              label={t('interventions.form.startAt')}
                              description={zoneNote && <span data-testid="f-zone-note">{zoneNote}</span>}
                              timeZone={timeZone}
                              value={field.value}
                              onChange={field.onChange}
                              error={err('startAt')}
                              data-testid="f-start"
                            />
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={3}>
                        <Controller
                          control={control}
                          name="endAt"
                          render={({ field }) => (
                            <DateTimeField
                              ref={field.ref}
                              label={t('interventions.form.endAt')}
                              description={zoneNote && '\u00a0'}
                              timeZone={timeZone}
                              value={field.value}
                              onChange={field.onChange}
                              baseDate={wStart && !wStart.startsWith('!') ? wStart.slice(0, 10) : undefined}
                              error={err('endAt')}
                              data-testid="f-end"
                            />
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={6}>
                        <Textarea label={t('interventions.col.notes')} autosize minRows={1} maxRows={5} maxLength={4000} {...register('notes')} error={err('notes')} data-testid="f-notes" />
                      </Grid.Col>

                      <Grid.Col span={3}>
                        {sel('contractId', 'contract', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="contract" clientId={clientId} label={t('interventions.form.contract')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('contractId')} data-testid="f-contract" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={3}>
                        {sel('estimateId', 'estimate', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="estimate" clientId={clientId} label={t('interventions.form.estimate')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('estimateId')} data-testid="f-estimate" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={3}>
                        {sel('vehicleId', 'vehicle', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="vehicle" label={t('interventions.col.vehicle')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('vehicleId')} data-testid="f-vehicle" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={3}>
                        {sel('zoneId', 'zone', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="zone" label={t('interventions.col.zone')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('zoneId')} data-testid="f-zone" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={4}>
                        {sel('classificationId', 'classification', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="classification" label={t('interventions.col.classification')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('classificationId')} data-testid="f-class1" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={4}>
                        {sel('classification2Id', 'classification2', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="classification2" label={t('interventions.col.classification2')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('classification2Id')} data-testid="f-class2" />
                        ))}
                      </Grid.Col>
                      <Grid.Col span={4}>
                        {sel('classification3Id', 'classification3', (f) => (
                          <NomenclatureSelect ref={f.ref} kind="classification3" label={t('interventions.col.classification3')} value={f.value} onChange={f.onChange} disabled={readOnly} error={err('classification3Id')} data-testid="f-class3" />
                        ))}
                      </Grid.Col>
                    </Grid>
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
          <Group justify="space-between" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
            <Group gap={6} wrap="nowrap">
              {canValidate && (
                <Tooltip label={t('interventions.actions.validateHint')} zIndex={500}>
                  <Button variant="light" color="indigo" onClick={() => void act('validate')} loading={acting === 'validate'} data-testid="act-validate">
                    {t('interventions.actions.validate')}
                  </Button>
                </Tooltip>
              )}
              {canConfirm && (
                <Button variant="filled" color="teal" onClick={() => void act('confirm')} loading={acting === 'confirm'} data-testid="act-confirm">
                  {t('interventions.actions.confirm')}
                </Button>
              )}
              {canFinalize && (
                <Button variant="filled" color="green" onClick={() => void act('finalize')} loading={acting === 'finalize'} data-testid="act-finalize">
                  {t('interventions.actions.finalize')}
                </Button>
              )}
              {canCancel && (
                <Button variant="subtle" color="red" onClick={() => setAskCancel(true)} data-testid="act-cancel">
                  {t('interventions.actions.cancelDoc')}
                </Button>
              )}
              {currentId && (
                <Button variant="default" onClick={print} loading={acting === 'print'} data-testid="act-print">
                  {t('interventions.actions.print')}
                </Button>
              )}
              {currentId && <EvolutionSheetButton id={currentId} onError={showRefusal} />}
              {!readOnly && (
                <Text size="xs" c="dimmed" ml="xs">
                  <Kbd size="xs">Ctrl+S</Kbd> {t('common.save')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
                </Text>
              )}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={requestClose} data-testid="intervention-close">
                {readOnly ? t('common.close') : t('common.cancel')}
              </Button>
              {!readOnly && (
                <Button type="submit" form="intervention-form" loading={saving} disabled={loading} data-testid="intervention-save">
                  {t('common.save')}
                </Button>
              )}
            </Group>
          </Group>
        </Drawer.Content>
      </Drawer.Root>

      <ConfirmDialog
        opened={askDiscard}
        title={t('interventions.form.discardTitle')}
        message={t('interventions.form.discardMessage')}
        confirmLabel={t('interventions.form.discard')}
        color="orange"
        testId="intervention-discard"
        onConfirm={() => p.onClose()}
        onClose={() => setAskDiscard(false)}
      />
      <ReasonDialog
        opened={askCancel}
        title={t('interventions.actions.cancelTitle')}
        testId="intervention-cancel"
        onConfirm={cancelDoc}
        onClose={() => setAskCancel(false)}
      />
    </>
  );
}

