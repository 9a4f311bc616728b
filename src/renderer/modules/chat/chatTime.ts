/**
 * A chat's instants on the branch's clock, to the second: a question asked after hours and answered the next morning
 * must show both days and times exactly.
 */
export function exactTime(locale: string, zone: string): (at: number | null | undefined) => string {
  const f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: zone });
  return (at) => (at ? f.format(new Date(at)) : '—');
}
