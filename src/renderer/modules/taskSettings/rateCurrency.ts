/**
 * The currency a task type's hourly rate is shown in: the organization's country's own. Types belong to the whole
 * organization, so the rate has one currency (euro countries and any not listed: EUR).
 */
const BY_COUNTRY: Record<string, string> = { AM: 'AMD', RO: 'RON', RU: 'RUB', GB: 'GBP', US: 'USD', PL: 'PLN', SE: 'SEK', NO: 'NOK', CH: 'CHF', MD: 'MDL', GE: 'GEL' };

export function rateCurrency(country: string | null | undefined): string {
  return (country && BY_COUNTRY[country]) || 'EUR';
}
