import { z } from 'zod';
import { authApi, setupApi } from './auth';
import { organizationApi } from './organization';
import { clientsApi } from './clients';
import { adminApi } from './admin';
import { mailApi } from './mail';
import { interventionsApi, interventionsFlowApi } from './interventions';
import { reportsApi } from './reports';
import { nomenclatureApi } from './nomenclature';
import { favoritesApi } from './favorites';
import { homeApi } from './home';
import { annexFormsApi } from './annexForms';
import { interventionWarningsApi, warningRaised } from './interventionWarnings';
import { scheduleApi } from './schedule';
import { visitsApi, visitsChanged } from './visits';
import { smsApi } from './sms';
import { calendarReportsApi } from './calendarReports';
import { remindersApi, remindersChanged, slotFreed, testCallProgress } from './reminders';
import { syncApi, syncChanged } from './sync';
import { tasksApi, tasksChanged } from './tasks';
import { taskTimeApi } from './taskTime';
import { taskChecklistApi, taskRejected } from './taskChecklist';
import { invoicesApi, invoicesChanged } from './invoices';
import { webIntakeApi } from './webIntake';
import { taskGridApi } from './taskGrid';
import { taskEscalated, taskFromChat, taskNoticesApi } from './taskNotices';
import { chatSettingsApi } from './chatSettings';
import { portalApi } from './portal';
import { chatApi, chatChanged } from './chat';

/** Every procedure of Planora, declared once. Main dispatches by these names; the renderer calls them. */
export const api = {
  ...setupApi,
  ...authApi,
  ...organizationApi,
  ...clientsApi,
  ...adminApi,
  ...interventionsApi,
  ...interventionsFlowApi,
  ...reportsApi,
  ...nomenclatureApi,
  ...mailApi,
  ...favoritesApi,
  ...homeApi,
  ...annexFormsApi,
  ...interventionWarningsApi,
  ...scheduleApi,
  ...visitsApi,
  ...smsApi,
  ...calendarReportsApi,
  ...remindersApi,
  ...syncApi,
  ...tasksApi,
  ...taskTimeApi,
  ...taskChecklistApi,
  ...invoicesApi,
  ...webIntakeApi,
  ...taskGridApi,
  ...taskNoticesApi,
  ...chatSettingsApi,
  ...portalApi,
  ...chatApi,
} as const;

export type Api = typeof api;
export type ProcName = keyof Api;
export type Input<N extends ProcName> = z.input<Api[N]['input']>;
export type ParsedInput<N extends ProcName> = z.output<Api[N]['input']>;
export type Output<N extends ProcName> = z.output<Api[N]['output']>;

/** Push events from main to every window; the renderer invalidates its caches on them. */
export const events = {
  'clients.changed': z.object({ ids: z.array(z.string()) }),
  'org.changed': z.object({}),
  'users.changed': z.object({}),
  'periods.changed': z.object({}),
  'series.changed': z.object({}),
  'interventions.changed': z.object({ ids: z.array(z.string()) }),
  'export.progress': z.object({ jobId: z.string(), done: z.number(), total: z.number() }),
  'nomenclature.changed': z.object({ kind: z.string(), ids: z.array(z.string()) }),
  'interventions.warning': warningRaised,
  'visits.changed': visitsChanged,
  'schedule.changed': z.object({ branchIds: z.array(z.string()) }),
  'reminders.changed': remindersChanged,
  'reminders.testCall': testCallProgress,
  'reminders.slotFreed': slotFreed,
  'sync.changed': syncChanged,
  'tasks.changed': tasksChanged,
  'tasks.rejected': taskRejected,
  'invoices.changed': invoicesChanged,
  'tasks.escalated': taskEscalated,
  'chat.changed': chatChanged,
  'tasks.fromChat': taskFromChat,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export function isProcName(name: string): name is ProcName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
