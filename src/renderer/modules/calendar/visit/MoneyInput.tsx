import { forwardRef } from 'react';
import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useFormat } from '../../../app/format';
import { decimalSeparator, minorDigits, toMajor, toMinor } from './money';

type Props = Omit<NumberInputProps, 'value' | 'onChange' | 'decimalScale'> & {
  /** Minor units; '' while the box is empty. */
  value: number | '';
  onChange(minor: number | ''): void;
  currency: string;
};

/** An amount typed in major units (12.50) and kept in minor units (1250), with the currency's own decimals. */
export const MoneyInput = forwardRef<HTMLInputElement, Props>(function MoneyInput({ value, onChange, currency, ...rest }, ref) {
  const { locale } = useFormat();
  return (
    <NumberInput
      ref={ref}
      {...rest}
      value={value === '' ? '' : toMajor(value, currency)}
      onChange={(v) => onChange(v === '' ? '' : toMinor(Number(v), currency))}
      decimalScale={minorDigits(currency)}
      fixedDecimalScale
      // 12,50 where the clerk's language writes a decimal comma (the point is taken too: the numeric keypad types it).
      decimalSeparator={decimalSeparator(locale)}
      allowedDecimalSeparators={['.', ',']}
      min={0}
      hideControls
      rightSection={<span style={{ fontSize: 11, opacity: 0.7 }}>{currency}</span>}
    />
  );
});
