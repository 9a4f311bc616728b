import type { HandlersFor } from '../../api/context';
import { getChatSettings, saveChatOperator, saveChatOrg } from './settings';

export const chatSettingsHandlers: HandlersFor<'chatSettings.get' | 'chatSettings.saveOrg' | 'chatSettings.saveOperator'> = {
  'chatSettings.get': (_input, ctx) => getChatSettings(ctx),
  'chatSettings.saveOrg': (input, ctx) => saveChatOrg(ctx, input),
  'chatSettings.saveOperator': (input, ctx) => saveChatOperator(ctx, input),
};
