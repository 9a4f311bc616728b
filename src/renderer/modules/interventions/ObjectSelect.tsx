import { forwardRef, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientObject } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { itemLabel } from '../nomenclature/kinds';
import { OPTION_LIMIT, RemoteSelect, type Option, type RemoteSelectProps } from '../nomenclature/NomenclatureSelect';

/** How many of the client's own objects come before the product list. */
const CLIENT_OBJECT_LIMIT = 20;

export interface ObjectSelectProps extends Omit<RemoteSelectProps, 'onChange'> {
  /** The document's client: their objects (from past interventions) are offered first. */
  clientId: string | null | undefined;
  /** The document being edited, so its own object is not offered as an earlier one. */
  excludeId?: string | null;
  /**
   * `serial`: the serial/lot of the client's object that was chosen ('' when it had none);
   * undefined when a product was chosen from the product list, or the field was cleared.
   */
  onChange(productId: string | null, serial?: string): void;
}

/**
 * The object of an intervention: the client's own objects first (product + serial/lot from their past interventions,
 * most recently serviced first, that date dimmed), then the product nomenclature. Both are searched in main as you type.
 */
export const ObjectSelect = forwardRef<HTMLInputElement, ObjectSelectProps>(function ObjectSelect({ clientId, excludeId, onChange, ...rest }, ref) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  /** The client's objects by option value, to tell which serial an option carries. */
  const objects = useRef(new Map<string, ClientObject>());
  return (
    <RemoteSelect
      ref={ref}
      {...rest}
      queryKey={['interventions.clientObjects', 'select', clientId ?? null, excludeId ?? null, i18n.language]}
      dropdownWidth={clientId ? 560 : undefined}
      load={async (search, include) => {
        const [mine, products] = await Promise.all([
          clientId ? call('interventions.clientObjects', { clientId, search, excludeId: excludeId ?? undefined, limit: CLIENT_OBJECT_LIMIT }) : Promise.resolve([]),
          call('products.list', { search, include, limit: OPTION_LIMIT, offset: 0 }),
        ]);
        const grouped = mine.length > 0;
        const options: Option[] = mine.map((o) => {
          const value = `past:${o.productId}:${o.serial ?? ''}`;
          objects.current.set(value, o);
          const product = itemLabel(o);
          return {
            value,
            label: o.serial ? `${product} — ${o.serial}` : product,
            inactive: !o.active,
            extra: t('interventions.form.lastServiced', { date: fmt.date(`${o.lastDate}T12:00:00Z`) }),
            group: t('interventions.form.clientObjects'),
            picks: { value: o.productId, label: product },
          };
        });
        for (const r of products.rows) {
          options.push({ value: r.id, label: itemLabel(r), inactive: !r.active, group: grouped ? t('interventions.form.products') : undefined });
        }
        return options;
      }}
      onChange={(productId, option) => {
        const picked = option ? objects.current.get(option.value) : undefined;
        onChange(productId, picked ? (picked.serial ?? '') : undefined);
      }}
    />
  );
});
