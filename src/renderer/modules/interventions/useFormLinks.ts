/**
 * What one field of the intervention form moves in others: a new document's branch, the branch's clock, and what
 * belongs to the client (contact, contract, estimate, an object taken from the client's own).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useApiQuery } from '../../app/apiQuery';
import { useSession } from '../../app/session';
import type { InterventionFormApi } from './formFields';

/** The branches this clerk works in; a new document belongs to the first, and start and end follow its zone. */
export function useBranchClock(form: InterventionFormApi, isNew: boolean) {
  const { user } = useSession();
  const { getValues, setValue, resetField } = form;
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const myBranches = useMemo(() => (branches.data ?? []).filter((b) => user.branchIds.includes(b.id)), [branches.data, user.branchIds]);

  useEffect(() => {
    if (isNew && !getValues('branchId') && myBranches[0]) setValue('branchId', myBranches[0].id);
  }, [myBranches, isNew, getValues, setValue]);

  const branchId = useWatch({ control: form.control, name: 'branchId' });
  useEffect(() => {
    const zone = (branches.data ?? []).find((b) => b.id === branchId)?.timeZone;
    // Not the clerk's input: it moves the default with it, so an untouched form stays untouched.
    if (zone && zone !== getValues('timeZone')) {
      resetField('timeZone', { defaultValue: zone });
      setValue('timeZone', zone);
    }
  }, [branchId, branches.data, getValues, resetField, setValue]);

  return myBranches;
}

export interface ClientLinks {
  /** The object field's choice: a product from the list (`serial` undefined), or one of the client's objects. */
  pickObject(productId: string | null, serial: string | undefined): void;
  /** The person chose another client. */
  clientChanged(): void;
  /** A new client is being added over the form (starting from this name): the form's own keys wait meanwhile. */
  newClient: string | null;
  setNewClient(name: string | null): void;
}

export function useClientLinks(form: InterventionFormApi): ClientLinks {
  const { getValues, setValue } = form;
  // The object as last taken from the client's own objects (product + serial), while the fields still hold it.
  const picked = useRef<{ productId: string; serial: string } | null>(null);
  const stillPicked = () => {
    const o = picked.current;
    return !!o && getValues('objectProductId') === o.productId && getValues('objectSerial') === o.serial;
  };
  const pickObject = (productId: string | null, serial: string | undefined) => {
    // A product from the list (or none) drops the serial that came with the client's object it replaces; a typed serial stays.
    if (serial === undefined && stillPicked()) setValue('objectSerial', '', { shouldDirty: true });
    setValue('objectProductId', productId, { shouldDirty: true });
    if (serial !== undefined) setValue('objectSerial', serial, { shouldDirty: true });
    picked.current = productId && serial !== undefined ? { productId, serial } : null;
  };
  // Another client: its contact, contract and estimate no longer apply, nor an object taken from the previous client's.
  const clientChanged = () => {
    setValue('contactId', null, { shouldDirty: true });
    setValue('contractId', null, { shouldDirty: true });
    setValue('estimateId', null, { shouldDirty: true });
    if (stillPicked()) pickObject(null, undefined);
  };
  const [newClient, setNewClient] = useState<string | null>(null);
  return { pickObject, clientChanged, newClient, setNewClient };
}
