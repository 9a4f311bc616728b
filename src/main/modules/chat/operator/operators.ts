import { serviceKey } from '../../../api/services';
import type { ModuleHost } from '../../../api/module';
import type { SessionUser } from '../../../../shared/api/auth';
import { can } from '../../../../shared/permissions';
import { SYNC_DESK } from '../../../sync';
import { OperatorConnection, type OperatorConnectionDeps } from './connection';

/** The operators' sockets main holds: one per user who reads chats on this desktop, opened when they first ask. */
export interface ChatOperators {
  /** This user's connection, opened if needed; null when this desktop is registered with no hub. */
  of(user: SessionUser): Promise<OperatorConnection | null>;
  stop(): void;
}

export const CHAT_OPERATORS = serviceKey<ChatOperators>('chat.operators');

export type ConnectionTuning = Pick<OperatorConnectionDeps, 'ackTimeoutMs' | 'backoffMs' | 'relistMs'>;

export function chatOperators(host: ModuleHost, tuning: ConnectionTuning = {}): ChatOperators {
  const open = new Map<string, { conn: OperatorConnection; hub: string; key: string }>();

  async function hub() {
    try {
      return await host.services.get(SYNC_DESK).hub();
    } catch (e) {
      host.log('chat: the hub could not be read', e);
      return null;
    }
  }

  return {
    async of(user) {
      if (!can(user.role, 'chat', 'read')) return null;
      const access = await hub();
      const held = open.get(user.id);
      if (!access || access.orgId !== user.orgId) {
        // Unregistered since (or another organization's registration): the socket has nothing to speak for.
        held?.conn.stop();
        open.delete(user.id);
        return null;
      }
      if (held && held.hub === access.url && held.key === access.key) return held.conn;
      held?.conn.stop();
      const conn = new OperatorConnection({
        db: host.db,
        hubUrl: access.url,
        deviceKey: access.key,
        orgId: access.orgId,
        userId: user.id,
        now: () => host.clock.now(),
        log: host.log,
        emit: (payload) => host.publish({ name: 'chat.changed', payload, orgId: user.orgId, userId: user.id }),
        ...tuning,
      });
      open.set(user.id, { conn, hub: access.url, key: access.key });
      conn.start();
      return conn;
    },
    stop() {
      for (const { conn } of open.values()) conn.stop();
      open.clear();
    },
  };
}
