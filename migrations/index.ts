import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_clients';
import * as m0003 from './0003_interventions';
import * as m0004 from './0004_mail';
import * as m0005 from './0005_search_prefixes';
import * as m0006 from './0006_change_log';
import * as m0007 from './0007_favorites';
import * as m0008 from './0008_annex_templates';
import * as m0009 from './0009_intervention_warnings';
import * as m0010 from './0010_calendar';
import * as m0011 from './0011_sms';
import * as m0012 from './0012_visit_range';
import * as m0013 from './0013_reminders';
import * as m0014 from './0014_sync';
import * as m0015 from './0015_tasks';
import * as m0016 from './0016_task_time';
import * as m0017 from './0017_task_checklist';
import * as m0018 from './0018_invoices';
import * as m0019 from './0019_task_notices';
import * as m0020 from './0020_task_web_intake';
import * as m0021 from './0021_task_grid';
import * as m0022 from './0022_task_field_outcome';
import * as m0023 from './0023_task_web_reference';
import * as m0024 from './0024_task_done_month';
import * as m0025 from './0025_provisional_numbers';
import * as m0026 from './0026_sync_repair';
import * as m0027 from './0027_chat_settings';
import * as m0028 from './0028_chat_archive';
import * as m0029 from './0029_task_chat_link';
import * as m0030 from './0030_client_portal';
import * as m0031 from './0031_chat_pictures';
import * as m0032 from './0032_client_count';
import * as m0033 from './0033_open_warnings_order';

/** Every migration, in order. Listed statically so the bundled program carries them; names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_clients': m0002,
  '0003_interventions': m0003,
  '0004_mail': m0004,
  '0005_search_prefixes': m0005,
  '0006_change_log': m0006,
  '0007_favorites': m0007,
  '0008_annex_templates': m0008,
  '0009_intervention_warnings': m0009,
  '0010_calendar': m0010,
  '0011_sms': m0011,
  '0012_visit_range': m0012,
  '0013_reminders': m0013,
  '0014_sync': m0014,
  '0015_tasks': m0015,
  '0016_task_time': m0016,
  '0017_task_checklist': m0017,
  '0018_invoices': m0018,
  '0019_task_notices': m0019,
  '0020_task_web_intake': m0020,
  '0021_task_grid': m0021,
  '0022_task_field_outcome': m0022,
  '0023_task_web_reference': m0023,
  '0024_task_done_month': m0024,
  '0025_provisional_numbers': m0025,
  '0026_sync_repair': m0026,
  '0027_chat_settings': m0027,
  '0028_chat_archive': m0028,
  '0029_task_chat_link': m0029,
  '0030_client_portal': m0030,
  '0031_chat_pictures': m0031,
  '0032_client_count': m0032,
  '0033_open_warnings_order': m0033,
};
