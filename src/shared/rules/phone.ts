import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** E.164 for a phone typed in any usual way, read against the organization's country; null when it is not a valid number. */
export function toE164(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Digits of a number, reversed: an "ends with" search becomes a prefix search. */
export function reversedDigits(value: string): string {
  return value.replace(/\D/g, '').split('').reverse().join('');
}

/** True when a search text looks like (part of) a phone number rather than a name. */
export function looksLikePhone(q: string): boolean {
  return /^[+\d][\d\s().-]{2,}$/.test(q.trim()) && q.replace(/\D/g, '').length >= 3;
}

/** The number as dialled inside its country (E.164 without the country code), for searches typed the local way. */
export function nationalDigits(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, '');
}

/** What the quick search indexes for a phone: international digits and the local form ("37129123456 29123456"). */
export function phoneSearchText(e164: string | null): string {
  return e164 ? `${e164.replace(/\D/g, '')} ${nationalDigits(e164)}` : '';
}
