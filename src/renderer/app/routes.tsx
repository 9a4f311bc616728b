import type { ReactNode } from 'react';
import type { Module } from '../../shared/permissions';
import { ClientsScreen } from '../modules/clients/ClientsScreen';
import { OrganizationScreen } from '../modules/organization/OrganizationScreen';
import { UsersScreen } from '../modules/organization/UsersScreen';
import { AuditScreen } from '../modules/audit/AuditScreen';
import { PeriodsScreen } from '../modules/periods/PeriodsScreen';
import { SeriesScreen } from '../modules/series/SeriesScreen';
import { MailSettingsScreen } from '../modules/mail/MailSettingsScreen';
import { InterventionsScreen } from '../modules/interventions/InterventionsScreen';
import { AppointmentsCalendar } from '../modules/interventions/AppointmentsCalendar';
import { NomenclatureScreen } from '../modules/nomenclature/NomenclatureScreen';

export interface RouteDef {
  path: string;
  /** i18n key of the navigation label */
  label: string;
  /** Shown only to users who may read this module. */
  module: Module;
  element: () => ReactNode;
}

export const ROUTES: RouteDef[] = [
  { path: 'interventions', label: 'interventions.title', module: 'interventions', element: () => <InterventionsScreen /> },
  { path: 'interventions-calendar', label: 'interventions.appointments.title', module: 'interventions', element: () => <AppointmentsCalendar /> },
  { path: 'clients', label: 'nav.clients', module: 'clients', element: () => <ClientsScreen /> },
  { path: 'nomenclature', label: 'nav.nomenclature', module: 'nomenclature', element: () => <NomenclatureScreen /> },
  { path: 'organization', label: 'nav.organization', module: 'organization', element: () => <OrganizationScreen /> },
  { path: 'users', label: 'nav.users', module: 'users', element: () => <UsersScreen /> },
  { path: 'periods', label: 'nav.periods', module: 'periods', element: () => <PeriodsScreen /> },
  { path: 'series', label: 'nav.series', module: 'series', element: () => <SeriesScreen /> },
  { path: 'mail', label: 'mail.nav', module: 'organization', element: () => <MailSettingsScreen /> },
  { path: 'audit', label: 'nav.audit', module: 'audit', element: () => <AuditScreen /> },
];
