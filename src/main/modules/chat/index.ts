import { defineModule } from '../../api/module';
import { chatSettingsHandlers } from './settingsHandlers';

/**
 * The website chat on the desktop: its settings (`settings.ts`) — the routing strategy, escalation, the visitor's
 * questionnaire and each employee's levels — synced to the hub, which routes conversations by them.
 */
export const chatSettingsModule = defineModule({ name: 'chatSettings', handlers: chatSettingsHandlers });

/** The demo organization sets its chat as a manager would. */
export { saveChatOrg, saveChatOperator, getChatSettings } from './settings';
