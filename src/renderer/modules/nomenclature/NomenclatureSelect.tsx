import { Fragment, forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import { CloseButton, Combobox, Group, InputBase, Text, useCombobox, type InputBaseProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isClientBound, type NomenclatureKind } from '../../../shared/api/nomenclature';
import { call } from '../../app/api';
import { itemLabel } from './kinds';

export interface Option {
  value: string;
  label: string;
  inactive?: boolean;
  /** A dimmed second part of the option line (a client's phone and locality), to tell namesakes apart. */
  extra?: string;
  /** A heading the option is listed under; consecutive options with the same heading form one group. */
  group?: string;
  /**
   * Choosing this option sets the field to another value (a client's past object sets the product), shown with this label.
   * Several options may pick the same value; `onChange` still receives the option itself.
   */
  picks?: { value: string; label: string };
}

export interface RemoteSelectProps extends Omit<InputBaseProps, 'value' | 'onChange' | 'rightSection' | 'rightSectionPointerEvents'> {
  value: string | null | undefined;
  /** The chosen option comes along (its own value, which differs from `value` when it `picks` another), so a caller can show its label elsewhere. */
  onChange(value: string | null, option: { value: string; label: string } | null): void;
  placeholder?: string;
  /** A button that clears the value (erasing the text does too). Default: true. */
  clearable?: boolean;
  onBlur?(): void;
  name?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  'data-field'?: string;
}

export interface RemoteProps extends RemoteSelectProps {
  /** Must start with the procedure's name, so its `*.changed` event refreshes the options. */
  queryKey: readonly unknown[];
  load(search: string | undefined, include: string[] | undefined): Promise<Option[]>;
  /** An option the caller already knows (the current client of a contract), shown before main answers. */
  known?: Option | null;
  /** Wider than the box when option lines carry more (a serial and a date). Default: as wide as the box. */
  dropdownWidth?: number;
}

/** How many options one search brings back: enough to pick from, small enough to never load a whole table. */
export const OPTION_LIMIT = 50;

/**
 * A searchable select whose options come from main: what is typed is searched in main (diacritics folded there),
 * the chosen value is always among the options (even when inactive), and nothing is filtered again in the browser.
 * For the keyboard: typing selects the text's first match once main has answered for exactly that text, and Enter takes it;
 * ↓ opens the list; it never pops open on Tab; erasing the text clears the value; Esc closes the list.
 */
export const RemoteSelect = forwardRef<HTMLInputElement, RemoteProps>(function RemoteSelect(
  { value, onChange, queryKey, load, known, dropdownWidth, clearable = true, placeholder, disabled, onBlur, size = 'xs', ...rest },
  ref,
) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  /** True while the box holds what the user typed rather than the chosen option's label. */
  const [typing, setTyping] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const term = typing ? debounced : '';
  const include = value ? [value] : undefined;
  const q = useQuery({
    queryKey: [...queryKey, { term, include }],
    queryFn: () => load(term || undefined, include),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });

  const options = useMemo(() => {
    const opts = [...(q.data ?? [])];
    if (known && !opts.some((o) => o.value === known.value)) opts.unshift(known);
    return opts;
  }, [q.data, known]);
  const labelOf = (o: Option) => (o.inactive ? `${o.label} (${t('nomenclature.inactive')})` : o.label);

  // The chosen option's label survives searches that no longer list it.
  const labels = useRef(new Map<string, string>());
  for (const o of options) {
    if (o.picks) {
      if (!labels.current.has(o.picks.value)) labels.current.set(o.picks.value, o.inactive ? `${o.picks.label} (${t('nomenclature.inactive')})` : o.picks.label);
    } else labels.current.set(o.value, labelOf(o));
  }
  const selectedLabel = value ? (labels.current.get(value) ?? '') : '';

  // While main has not answered for exactly what was typed, older options are hidden: Enter must never take a stale match.
  const stale = typing && (search.trim() !== debounced || q.isPlaceholderData || q.isFetching);
  const visible = useMemo(() => (stale ? [] : options), [stale, options]);

  // A fresh answer highlights its first option, so Enter takes it.
  const { dropdownOpened, selectFirstOption } = combobox;
  useEffect(() => {
    if (typing && !stale && dropdownOpened && visible.length) selectFirstOption();
  }, [typing, stale, visible, dropdownOpened, selectFirstOption]);

  const submit = (v: string) => {
    const o = options.find((x) => x.value === v);
    onChange(o?.picks?.value ?? v, o ? { value: o.value, label: o.label } : null);
    setTyping(false);
    setSearch('');
    combobox.closeDropdown();
  };

  const clear = () => {
    onChange(null, null);
    setTyping(false);
    setSearch('');
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal zIndex={400} width={dropdownWidth ?? 'target'}>
      {/* aria-expanded tells the keys of an open list (Enter, Esc) from those of the form around it. */}
      <Combobox.Target withExpandedAttribute>
        <InputBase
          ref={ref}
          {...rest}
          // Dense like the theme's other inputs (InputBase has no theme default of its own).
          size={size}
          disabled={disabled}
          placeholder={placeholder}
          autoComplete="off"
          value={typing ? search : selectedLabel}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setSearch(text);
            setTyping(true);
            combobox.openDropdown();
            combobox.resetSelectedOption();
            if (text === '' && value != null) onChange(null, null);
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => {
            combobox.closeDropdown();
            setTyping(false);
            setSearch('');
            onBlur?.();
          }}
          rightSection={
            clearable && value && !disabled ? (
              <CloseButton size="sm" tabIndex={-1} aria-label={t('common.remove')} onMouseDown={(e) => e.preventDefault()} onClick={clear} />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={clearable && value && !disabled ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
          {visible.length ? (
            groupRuns(visible).map((run, i) => {
              const items = run.options.map((o) => (
                <Combobox.Option value={o.value} key={o.value} active={o.value === value}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="xs" truncate>
                      {labelOf(o)}
                    </Text>
                    {o.extra && (
                      <Text size="xs" truncate style={{ opacity: 0.7 }}>
                        {o.extra}
                      </Text>
                    )}
                  </Group>
                </Combobox.Option>
              ));
              return run.group ? (
                <Combobox.Group label={run.group} key={`${i}:${run.group}`}>
                  {items}
                </Combobox.Group>
              ) : (
                <Fragment key={`${i}:`}>{items}</Fragment>
              );
            })
          ) : (
            <Combobox.Empty>{stale || q.isFetching ? t('common.loading') : t('grid.noRows')}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
});

/** Consecutive options under the same heading, in order (options without one stay ungrouped). */
function groupRuns(options: Option[]): { group?: string; options: Option[] }[] {
  const runs: { group?: string; options: Option[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return runs;
}

export interface NomenclatureSelectProps extends RemoteSelectProps {
  kind: NomenclatureKind;
  /**
   * Contracts and estimates: only this client's. While it is null the select stays disabled ("choose the client first");
   * leave it undefined only to list every client's.
   */
  clientId?: string | null;
}

/** One list of the nomenclature (types, classifications, zones, vehicles, contracts, estimates) as a searchable select. */
export const NomenclatureSelect = forwardRef<HTMLInputElement, NomenclatureSelectProps>(function NomenclatureSelect({ kind, clientId, ...rest }, ref) {
  const { t } = useTranslation();
  const needsClient = isClientBound(kind) && clientId === null;
  return (
    <RemoteSelect
      ref={ref}
      {...rest}
      disabled={rest.disabled || needsClient}
      placeholder={needsClient ? t('nomenclature.clientFirst') : rest.placeholder}
      queryKey={['nomenclature.list', 'select', kind, clientId ?? null]}
      load={async (search, include) =>
        (await call('nomenclature.list', { kind, search, clientId: clientId ?? undefined, include, limit: OPTION_LIMIT })).map((r) => ({
          value: r.id,
          label: itemLabel(r),
          inactive: !r.active,
        }))
      }
    />
  );
});

/** The object of an intervention: a product or a system of products. */
export const ProductSelect = forwardRef<HTMLInputElement, RemoteSelectProps>(function ProductSelect(props, ref) {
  return (
    <RemoteSelect
      ref={ref}
      {...props}
      queryKey={['products.list', 'select']}
      load={async (search, include) =>
        (await call('products.list', { search, include, limit: OPTION_LIMIT, offset: 0 })).rows.map((r) => ({ value: r.id, label: itemLabel(r), inactive: !r.active }))
      }
    />
  );
});

/** A client by name, phone or fiscal code (what clients.list searches), with phone and locality to tell namesakes apart. */
export const ClientSelect = forwardRef<HTMLInputElement, RemoteSelectProps & { known?: Option | null }>(function ClientSelect({ known, ...props }, ref) {
  return (
    <RemoteSelect
      ref={ref}
      {...props}
      known={known}
      queryKey={['clients.list', 'select']}
      load={async (search) =>
        (await call('clients.list', { search, limit: 20, offset: 0 })).rows.map((r) => ({
          value: r.id,
          label: r.name,
          extra: [r.phone, r.locality, r.fiscalCode].filter(Boolean).join(' · ') || undefined,
        }))
      }
    />
  );
});
