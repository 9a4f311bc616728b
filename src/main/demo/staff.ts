import type { Language } from '../../shared/i18n/languages';
import type { Role } from '../../shared/permissions';

export type BranchKey = 'riga' | 'yerevan';

/** Each branch works on its own wall clock: appointments and document dates are read there. */
export const BRANCH_ZONES: Record<BranchKey, string> = { riga: 'Europe/Riga', yerevan: 'Asia/Yerevan' };

export interface DemoStaff {
  login: string;
  name: string;
  role: Role;
  language: Language;
  branches: BranchKey[];
}

export const STAFF: DemoStaff[] = [
  { login: 'owner', name: 'Ilze Kalniņa', role: 'owner', language: 'lv', branches: ['riga', 'yerevan'] },
  { login: 'admin', name: 'Andris Ozoliņš', role: 'admin', language: 'en', branches: ['riga', 'yerevan'] },
  { login: 'manager.riga', name: 'Ольга Смирнова', role: 'branch_manager', language: 'ru', branches: ['riga'] },
  { login: 'manager.yerevan', name: 'Արամ Պետրոսյան', role: 'branch_manager', language: 'hy', branches: ['yerevan'] },
  { login: 'dispatcher.riga', name: 'Rūta Petrauskienė', role: 'dispatcher', language: 'lt', branches: ['riga'] },
  { login: 'dispatcher.yerevan', name: 'Ana Popescu', role: 'dispatcher', language: 'ro', branches: ['yerevan'] },
  { login: 'tech.riga', name: 'Kārlis Zariņš', role: 'employee', language: 'lv', branches: ['riga'] },
  { login: 'tech.yerevan', name: 'Դավիթ Հակոբյան', role: 'employee', language: 'hy', branches: ['yerevan'] },
  { login: 'tech2.riga', name: 'Edgars Liepiņš', role: 'employee', language: 'lv', branches: ['riga'] },
  { login: 'tech3.riga', name: 'Mindaugas Butkus', role: 'employee', language: 'lt', branches: ['riga'] },
  { login: 'tech2.yerevan', name: 'Գոռ Սարգսյան', role: 'employee', language: 'hy', branches: ['yerevan'] },
  { login: 'tech3.yerevan', name: 'Tudor Munteanu', role: 'employee', language: 'ro', branches: ['yerevan'] },
];

/**
 * The office beside the branches' staff: kept apart so the call centre's plan (which counts the staff) stays as it
 * was. The accountant reads both branches' work and runs the month's invoices.
 */
export const OFFICE: DemoStaff[] = [{ login: 'accountant', name: 'Daiva Jankauskienė', role: 'accountant', language: 'lt', branches: ['riga', 'yerevan'] }];

/**
 * Who does what in a branch's call centre. The field work goes to the technicians (first choice first) and, when
 * they are all booked, to the manager; quality is checked by the manager or the dispatcher ("cine verifică").
 */
export const CREW: Record<BranchKey, { takes: string[]; checks: string[]; receives: string[] }> = {
  riga: { takes: ['tech.riga', 'tech2.riga', 'tech3.riga', 'manager.riga'], checks: ['manager.riga', 'dispatcher.riga'], receives: ['dispatcher.riga', 'dispatcher.riga', 'dispatcher.riga', 'manager.riga', 'admin'] },
  yerevan: {
    takes: ['tech.yerevan', 'tech2.yerevan', 'tech3.yerevan', 'manager.yerevan'],
    checks: ['manager.yerevan', 'dispatcher.yerevan'],
    receives: ['dispatcher.yerevan', 'dispatcher.yerevan', 'dispatcher.yerevan', 'manager.yerevan', 'admin'],
  },
};
