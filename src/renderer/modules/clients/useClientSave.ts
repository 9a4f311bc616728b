import { useState } from 'react';
import type { ClientDetail, DuplicateMatch } from '../../../shared/api/clients';
import { useApiMutation } from '../../app/apiQuery';
import { createPath, type ClientInput } from './clientForm';

/**
 * Saving a client: first main says which phones, e-mails or fiscal code already belong to another client; when any
 * do, the save waits (`pending`) until the person says "save anyway" or goes back to the form.
 * `refuse(err, fieldOf)` shows a refusal; `fieldOf` turns the contract's field path into the form's.
 */
export function useClientSave(p: {
  clientId: string | null;
  version(): number;
  refuse(err: unknown, fieldOf?: (field: string) => string): void;
  onSaved(client: ClientDetail): void;
}) {
  const [pending, setPending] = useState<{ input: ClientInput; matches: DuplicateMatch[] } | null>(null);
  const check = useApiMutation('clients.checkDuplicates');
  const create = useApiMutation('clients.create');
  const update = useApiMutation('clients.update');

  const persist = (input: ClientInput) => {
    const after = {
      onSuccess: (res: { client: ClientDetail }) => {
        setPending(null);
        p.onSaved(res.client);
      },
      onError: (e: Error) => {
        setPending(null);
        p.refuse(e);
      },
    };
    if (p.clientId) update.mutate({ id: p.clientId, version: p.version(), ...input }, after);
    else create.mutate(input, after);
  };

  const submit = (input: ClientInput) => {
    const duplicates = { excludeId: p.clientId, phones: input.phones.map((x) => x.number), emails: input.emails.map((x) => x.address), fiscalCode: input.fiscalCode ?? null };
    check.mutate(duplicates, {
      onSuccess: (matches) => (matches.length ? setPending({ input, matches }) : persist(input)),
      onError: (e) => p.refuse(e, createPath),
    });
  };

  return {
    submit,
    /** The duplicates found and the input waiting on them. */
    pending,
    saveAnyway: () => pending && persist(pending.input),
    backToForm: () => setPending(null),
    /** A call to main is under way. */
    saving: create.isPending || update.isPending,
    checking: check.isPending,
  };
}
