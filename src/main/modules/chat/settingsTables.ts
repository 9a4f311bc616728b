import { syncedRows } from '../../api/funnel';

/** How the chat settings are written (the write funnel): audited under the chat module, recorded for sync. */
export const chatSettingRows = syncedRows({
  table: 'chat_setting',
  module: 'chat',
  entity: 'chat_setting',
  summary: (s) => `${s.strategy}, ${s.escalate_after_minutes} min`,
});

export const chatOperatorRows = syncedRows({
  table: 'chat_operator',
  module: 'chat',
  entity: 'chat_operator',
  summary: (o) => `experience ${o.experience_level}, cost ${o.cost_level}${o.sms_on_start ? ', SMS' : ''}`,
});
