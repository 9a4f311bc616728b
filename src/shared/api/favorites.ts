import { z } from 'zod';
import { procedure } from './contract';
import { id } from './common';
import type { Action, Module } from '../permissions';

/** The right that opens a screen: a module and what one must be allowed to do in it (reading, mostly). */
export interface ScreenRight {
  module: Module;
  action: Action;
}
const read = (module: Module): ScreenRight => ({ module, action: 'read' });

/**
 * Every screen of the navigation, by its address, and the right that opens it. My page (`home`) is everyone's. Main
 * checks a star against this list; the renderer's routes are tested to agree with it.
 */
export const SCREEN_MODULES = {
  home: null,
  interventions: read('interventions'),
  'interventions-calendar': read('interventions'),
  clients: read('clients'),
  nomenclature: read('nomenclature'),
  // Annex templates are the organization's own settings: only those who may change it edit them.
  'annex-forms': { module: 'organization', action: 'write' },
  organization: read('organization'),
  users: read('users'),
  periods: read('periods'),
  series: read('series'),
  mail: read('organization'),
  audit: read('audit'),
  'working-hours': read('calendar'),
  services: read('calendar'),
  sms: { module: 'organization', action: 'write' },
  'calendar-reports': read('calendar'),
  calendar: read('calendar'),
  // Reminder calls' settings and monthly usage: owners and admins (the trunk, its cost).
  reminders: { module: 'reminders', action: 'approve' },
  'reminder-usage': { module: 'reminders', action: 'approve' },
  // Branch sync: registering this computer with the hub is the owners' and admins'; everyone may open the conflicts
  // (the list shows only those of their branches and modules).
  sync: { module: 'organization', action: 'approve' },
  'sync-conflicts': read('organization'),
  tasks: read('tasks'),
  // Task types (everyone who reads tasks sees them; managers change them) and the intake mailboxes (managers and up).
  'task-types': read('tasks'),
  'task-mailboxes': { module: 'tasks', action: 'approve' },
  invoices: read('invoices'),
  // One's own notice preferences (managers also set others' and the escalation minutes), and the invoices' seller.
  'task-notices': read('tasks'),
  'invoice-settings': read('invoices'),
  // The website chat's settings: everyone who answers chats reads them; managers and owners change them.
  'chat-settings': read('chat'),
  // The operator console: conversations from the archive (answering needs write, checked by each procedure).
  chat: read('chat'),
} as const satisfies Record<string, ScreenRight | null>;
export type Screen = keyof typeof SCREEN_MODULES;
export const SCREENS = Object.keys(SCREEN_MODULES) as [Screen, ...Screen[]];

/** Screens one may star: all but My page, which is where the stars are. */
export const STARRABLE_SCREENS = SCREENS.filter((s) => s !== 'home') as [Exclude<Screen, 'home'>, ...Exclude<Screen, 'home'>[]];
export type StarrableScreen = (typeof STARRABLE_SCREENS)[number];

/** The screen a saved view of a module opens on. */
export const VIEW_SCREENS: Partial<Record<Module, Screen>> = { interventions: 'interventions' };

export const FAVORITE_KINDS = ['screen', 'view'] as const;

export const favorite = z.object({
  id,
  kind: z.enum(FAVORITE_KINDS),
  /** Where it opens: the screen itself, or the grid a view belongs to. */
  screen: z.enum(SCREENS),
  viewId: id.nullable(),
  /** A view's name; a screen's name is the renderer's translation. */
  name: z.string().nullable(),
  /** A shared view (everyone's), as opposed to the person's own. */
  shared: z.boolean(),
});
export type Favorite = z.infer<typeof favorite>;

/**
 * A person's own favorites: each one's list, never anyone else's. Only what they may still open is listed (a view
 * deleted or no longer shared, a screen whose right was taken away drop out). Views are starred with `views.setFavorite`.
 */
export const favoritesApi = {
  'favorites.list': procedure({ input: z.strictObject({}), output: z.array(favorite), access: { session: true }, writes: false }),
  'favorites.setScreen': procedure({
    input: z.strictObject({ screen: z.enum(STARRABLE_SCREENS), on: z.boolean() }),
    output: z.array(favorite),
    access: { session: true },
    writes: true,
  }),
} as const;
