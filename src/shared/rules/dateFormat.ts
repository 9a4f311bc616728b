/**
 * How dates are written on screen, on paper and in files, in every language: always a four-digit year. The locales'
 * own "short" style gives two digits in some (Latvian and Armenian write 06.12.26), which reads as a day or a month.
 */
export const DATE_FORMAT: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
export const DATE_TIME_FORMAT: Intl.DateTimeFormatOptions = { ...DATE_FORMAT, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
