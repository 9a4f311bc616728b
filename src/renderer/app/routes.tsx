import type { ComponentType } from 'react';
import type { Screen } from '../../shared/api/favorites';
import type { Action, Module } from '../../shared/permissions';

export interface RouteDef {
  path: Screen;
  /** i18n key of the navigation label */
  label: string;
  /** Shown only to users who may read this module (or do `action` in it); none: everyone's (My page). */
  module?: Module;
  action?: Action;
  /** The right that changes what the screen shows, when it is not `write` (the navigation marks it read-only without). */
  edit?: Action;
  /** The screen's code, fetched the first time it is opened, so the first bundle carries none of it. */
  load: () => Promise<ComponentType>;
}

/** The first is where a person lands after logging in, and where an address of no screen leads. */
export const ROUTES: RouteDef[] = [
  { path: 'home', label: 'home.title', load: () => import('../modules/home/HomeScreen').then((m) => m.HomeScreen) },
  { path: 'interventions', label: 'interventions.title', module: 'interventions', load: () => import('../modules/interventions/InterventionsScreen').then((m) => m.InterventionsScreen) },
  {
    path: 'interventions-calendar',
    label: 'interventions.appointments.title',
    module: 'interventions',
    load: () => import('../modules/interventions/AppointmentsCalendar').then((m) => m.AppointmentsCalendar),
  },
  { path: 'clients', label: 'nav.clients', module: 'clients', load: () => import('../modules/clients/ClientsScreen').then((m) => m.ClientsScreen) },
  { path: 'tasks', label: 'tasks.title', module: 'tasks', load: () => import('../modules/tasks/TasksScreen').then((m) => m.TasksScreen) },
  { path: 'calendar', label: 'calendar.title', module: 'calendar', load: () => import('../modules/calendar/CalendarScreen').then((m) => m.CalendarScreen) },
  // The calendar's set-up: who works when, and what the branch offers. Reading needs the calendar; setting, its approve right.
  {
    path: 'working-hours',
    label: 'schedule.hoursTitle',
    module: 'calendar',
    edit: 'approve',
    load: () => import('../modules/schedule/WorkingHoursScreen').then((m) => m.WorkingHoursScreen),
  },
  { path: 'services', label: 'schedule.servicesTitle', module: 'calendar', edit: 'approve', load: () => import('../modules/schedule/ServicesScreen').then((m) => m.ServicesScreen) },
  {
    path: 'calendar-reports',
    label: 'calendarReports.title',
    module: 'calendar',
    load: () => import('../modules/calendarReports/CalendarReportsScreen').then((m) => m.CalendarReportsScreen),
  },
  // After the screens with Alt+number keys, so theirs stay as they were.
  { path: 'invoices', label: 'invoices.title', module: 'invoices', load: () => import('../modules/invoices/InvoicesScreen').then((m) => m.InvoicesScreen) },
  { path: 'nomenclature', label: 'nav.nomenclature', module: 'nomenclature', load: () => import('../modules/nomenclature/NomenclatureScreen').then((m) => m.NomenclatureScreen) },
  { path: 'annex-forms', label: 'annex.title', module: 'organization', action: 'write', load: () => import('../modules/annexForms/AnnexFormsScreen').then((m) => m.AnnexFormsScreen) },
  { path: 'organization', label: 'nav.organization', module: 'organization', load: () => import('../modules/organization/OrganizationScreen').then((m) => m.OrganizationScreen) },
  { path: 'users', label: 'nav.users', module: 'users', load: () => import('../modules/organization/UsersScreen').then((m) => m.UsersScreen) },
  { path: 'periods', label: 'nav.periods', module: 'periods', load: () => import('../modules/periods/PeriodsScreen').then((m) => m.PeriodsScreen) },
  { path: 'series', label: 'nav.series', module: 'series', load: () => import('../modules/series/SeriesScreen').then((m) => m.SeriesScreen) },
  { path: 'mail', label: 'mail.nav', module: 'organization', load: () => import('../modules/mail/MailSettingsScreen').then((m) => m.MailSettingsScreen) },
  { path: 'sms', label: 'sms.nav', module: 'organization', action: 'write', load: () => import('../modules/sms/SmsSettingsScreen').then((m) => m.SmsSettingsScreen) },
  { path: 'reminders', label: 'remindersUi.nav', module: 'reminders', action: 'approve', load: () => import('../modules/reminders/RemindersSettingsScreen').then((m) => m.RemindersSettingsScreen) },
  { path: 'reminder-usage', label: 'remindersUi.usage.nav', module: 'reminders', action: 'approve', load: () => import('../modules/reminders/UsageScreen').then((m) => m.UsageScreen) },
  { path: 'audit', label: 'nav.audit', module: 'audit', load: () => import('../modules/audit/AuditScreen').then((m) => m.AuditScreen) },
  { path: 'sync', label: 'sync.nav', module: 'organization', action: 'approve', load: () => import('../modules/sync/SyncSettingsScreen').then((m) => m.SyncSettingsScreen) },
  { path: 'sync-conflicts', label: 'sync.conflictsNav', module: 'organization', load: () => import('../modules/sync/ConflictsScreen').then((m) => m.ConflictsScreen) },
  // Appended, so no screen before them changes its Alt+number.
  // The tasks' set-up: types with their checklists and rates (managers change them), and the intake mailboxes.
  { path: 'task-types', label: 'taskChecklist.typesNav', module: 'tasks', edit: 'approve', load: () => import('../modules/taskSettings/TaskTypesScreen').then((m) => m.TaskTypesScreen) },
  { path: 'task-mailboxes', label: 'taskChecklist.mailboxesNav', module: 'tasks', action: 'approve', load: () => import('../modules/taskSettings/MailboxesScreen').then((m) => m.MailboxesScreen) },
  // How each person hears of a task (everyone sets their own, so it is nobody's read-only screen) and when an
  // unacknowledged urgent one escalates (managers and up, on the screen itself).
  { path: 'task-notices', label: 'noticePrefs.nav', module: 'tasks', edit: 'read', load: () => import('../modules/taskSettings/NoticesScreen').then((m) => m.NoticesScreen) },
  // The seller on every invoice and the invoices' terms: read by those who see invoices, changed by their approvers.
  { path: 'invoice-settings', label: 'invoiceSeller.nav', module: 'invoices', edit: 'approve', load: () => import('../modules/invoices/InvoiceSettingsScreen').then((m) => m.InvoiceSettingsScreen) },
  // The website chat's routing, questionnaire and each employee's levels: everyone who answers chats reads; managers change.
  { path: 'chat-settings', label: 'chatSettings.nav', module: 'chat', edit: 'approve', load: () => import('../modules/chatSettings/ChatSettingsScreen').then((m) => m.ChatSettingsScreen) },
  // The website chat's operator console: everyone who reads chats sees it; answering needs the write right.
  { path: 'chat', label: 'chatConsole.nav', module: 'chat', load: () => import('../modules/chat/ChatConsoleScreen').then((m) => m.ChatConsoleScreen) },
];
