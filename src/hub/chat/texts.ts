import type { Language } from '../../shared/i18n/languages';
import en from '../../shared/i18n/en.json';
import hy from '../../shared/i18n/hy.json';
import lt from '../../shared/i18n/lt.json';
import lv from '../../shared/i18n/lv.json';
import ro from '../../shared/i18n/ro.json';
import ru from '../../shared/i18n/ru.json';

const CATALOGS: Record<Language, { chatWidget: Record<string, string> }> = { en, lv, ru, lt, ro, hy };

/** The widget's texts in the visitor's language. */
export function chatTexts(lang: Language): Record<string, string> {
  return CATALOGS[lang].chatWidget;
}
