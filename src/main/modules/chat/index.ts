import { defineModule } from '../../api/module';
import { chatSettingsHandlers } from './settingsHandlers';
import { chatConsoleHandlers } from './operator/handlers';
import { CHAT_OPERATORS, chatOperators, type ConnectionTuning } from './operator/operators';

/**
 * The website chat on the desktop: its settings (`settings.ts`) — the routing strategy, escalation, the visitor's
 * questionnaire and each employee's levels — synced to the hub, which routes conversations by them.
 */
export const chatSettingsModule = defineModule({ name: 'chatSettings', handlers: chatSettingsHandlers });

/** The demo organization sets its chat as a manager would. */
export { saveChatOrg, saveChatOperator, getChatSettings } from './settings';

/**
 * The operator console's side in main: each chat reader's socket to the hub (`operator/`), the local archive it
 * writes, and the procedures the console calls. Tests pass shorter waits.
 */
export function chatConsoleModuleWith(tuning: ConnectionTuning = {}) {
  return defineModule({
    name: 'chatConsole',
    handlers: chatConsoleHandlers,
    start(host) {
      const operators = chatOperators(host, tuning);
      host.services.provide(CHAT_OPERATORS, operators);
      return { stop: () => operators.stop() };
    },
  });
}
export const chatConsoleModule = chatConsoleModuleWith();
export { CHAT_OPERATORS } from './operator/operators';
export { seedChatArchive, type SeedConversation } from './operator/seed';
