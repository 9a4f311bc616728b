import type { ProcName } from '../../shared/api';
import type { HandlersFor } from '../api/context';
import { combine } from '../api/module';
import { auditModule } from './audit';
import { calendarModule } from './calendar';
import { authModule } from './auth';
import { clientsModule } from './clients';
import { favoritesModule } from './favorites';
import { interventionsModule } from './interventions';
import { nomenclatureModule } from './nomenclature';
import { organizationModule } from './organization';
import { periodsModule } from './periods';
import { seriesModule } from './series';
import { mailModule } from '../mail';
import { reportsModule } from '../reports';
import { remindersModule } from './reminders';
import { syncModule } from '../sync';
import { tasksModule, taskTimeModule } from './tasks';
import { invoicesModule } from './invoices';
import { chatConsoleModule, chatSettingsModule } from './chat';
import { portalModule } from './portal';

/** Every module of the application, composed: the one place that names them. A new module is one line here. */
export const app = combine(
  authModule,
  organizationModule,
  clientsModule,
  auditModule,
  periodsModule,
  seriesModule,
  interventionsModule,
  reportsModule,
  nomenclatureModule,
  mailModule,
  favoritesModule,
  calendarModule,
  remindersModule,
  syncModule,
  tasksModule,
  taskTimeModule,
  invoicesModule,
  chatSettingsModule,
  portalModule,
  chatConsoleModule,
);

/** One handler per procedure of the contract; the type fails to compile when one is missing. */
export const handlers: HandlersFor<ProcName> = app.handlers;
