import { useSearchParams } from 'react-router';
import { VisitDialog } from './VisitDialog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The visit the screen's address names (`?visit=ID`), open over the screen: another screen (My page, a client's card,
 * a report's row) links to a visit, and a reload opens it again. Closing it takes the visit out of the address.
 * `&offer=1` (a freed slot's toast): the visit's slot is to be offered, so cancelling it is asked at once.
 */
export function AddressedVisit() {
  const [params, setParams] = useSearchParams();
  const id = params.get('visit');
  const offer = params.get('offer') === '1';
  if (!id || !UUID.test(id)) return null;
  const close = () =>
    setParams(
      (p) => {
        p.delete('visit');
        p.delete('offer');
        return p;
      },
      { replace: true },
    );
  return <VisitDialog key={`${id}|${offer}`} target={{ visitId: id }} offerSlot={offer} onClose={close} />;
}
