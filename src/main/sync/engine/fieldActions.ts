import { serviceKey } from '../../api/services';
import type { FieldAction } from '../../../shared/sync/field';
import type { HubClient } from './hubClient';

/**
 * Applies the phone page's actions on this desktop (the tasks module provides it): a page of actions and the cursor
 * after them commit together, and an action already applied (by its id) is passed over, so a crash or a lost answer
 * repeats nothing.
 */
export interface FieldActionApplier {
  cursor(orgId: string): Promise<number>;
  /** `photos`: the bytes of the page's photo actions, by action id, fetched before the transaction opens. */
  apply(orgId: string, actions: readonly FieldAction[], cursor: number, photos?: ReadonlyMap<string, FieldPhoto>): Promise<void>;
}

export interface FieldPhoto {
  name: string;
  mime: string;
  data: Buffer;
}

/** The page's photos, fetched one by one (each up to a few MB) outside the write transaction. */
async function photosOf(hub: HubClient, key: string, actions: readonly FieldAction[]): Promise<Map<string, FieldPhoto>> {
  const photos = new Map<string, FieldPhoto>();
  for (const a of actions) {
    if (a.kind !== 'photo') continue;
    const p = await hub.fieldPhoto(key, { actionId: a.id });
    if (p) photos.set(a.id, { name: p.name, mime: p.mime, data: Buffer.from(p.data, 'base64') });
  }
  return photos;
}

export const FIELD_ACTIONS = serviceKey<FieldActionApplier>('tasks.fieldActions');

/** The round's last step: pulls and applies the queued field actions of this device's branches until none wait. */
export async function pullFieldActions(hub: HubClient, key: string, orgId: string, applier: FieldActionApplier | null): Promise<number> {
  if (!applier) return 0;
  let applied = 0;
  for (;;) {
    const res = await hub.fieldActions(key, { cursor: await applier.cursor(orgId), limit: 200 });
    if (res.actions.length === 0 && !res.more) {
      // The cursor moves past other branches' actions too, so they are not scanned again.
      await applier.apply(orgId, [], res.cursor);
      return applied;
    }
    await applier.apply(orgId, res.actions, res.cursor, await photosOf(hub, key, res.actions));
    applied += res.actions.length;
    if (!res.more) return applied;
  }
}
