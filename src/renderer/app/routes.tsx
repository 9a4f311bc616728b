import type { ReactNode } from 'react';
import type { Module } from '../../shared/permissions';
import { ClientsScreen } from '../modules/clients/ClientsScreen';
import { OrganizationScreen } from '../modules/organization/OrganizationScreen';
import { UsersScreen } from '../modules/organization/UsersScreen';
import { AuditScreen } from '../modules/audit/AuditScreen';
import { PeriodsScreen } from '../modules/periods/PeriodsScreen';
import { SeriesScreen } from '../modules/series/SeriesScreen';

export interface RouteDef {
  path: string;
  /** i18n key of the navigation label */
  label: string;
  /** Shown only to users who may read this module. */
  module: Module;
  element: () => ReactNode;
}

export const ROUTES: RouteDef[] = [
  { path: 'clients', label: 'nav.clients', module: 'clients', element: () => <ClientsScreen /> },
  { path: 'organization', label: 'nav.organization', module: 'organization', element: () => <OrganizationScreen /> },
  { path: 'users', label: 'nav.users', module: 'users', element: () => <UsersScreen /> },
  { path: 'periods', label: 'nav.periods', module: 'periods', element: () => <PeriodsScreen /> },
  { path: 'series', label: 'nav.series', module: 'series', element: () => <SeriesScreen /> },
  { path: 'audit', label: 'nav.audit', module: 'audit', element: () => <AuditScreen /> },
];
