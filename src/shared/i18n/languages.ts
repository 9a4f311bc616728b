export const LANGUAGES = ['en', 'lv', 'ru', 'lt', 'ro', 'hy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Intl locale per UI language, for dates, times and numbers. */
export const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  lv: 'lv-LV',
  ru: 'ru-RU',
  lt: 'lt-LT',
  ro: 'ro-RO',
  hy: 'hy-AM',
};

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  lv: 'Latviešu',
  ru: 'Русский',
  lt: 'Lietuvių',
  ro: 'Română',
  hy: 'Հայերեն',
};
