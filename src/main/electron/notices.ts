import en from '../../shared/i18n/en.json';
import lv from '../../shared/i18n/lv.json';
import ru from '../../shared/i18n/ru.json';
import lt from '../../shared/i18n/lt.json';
import ro from '../../shared/i18n/ro.json';
import hy from '../../shared/i18n/hy.json';
import { events } from '../../shared/api';
import type { Language } from '../../shared/i18n/languages';
import type { HostEvent } from './protocol';
import { warningLine } from '../../shared/rules/warningLine';

/** What an OS notification says (no Electron here, so it is tested as it is). */
export interface Notice {
  title: string;
  body: string;
}

type Tree = { [k: string]: string | Tree };
const CATALOGS: Record<Language, Tree> = { en, lv, ru, lt, ro, hy };

/** One text of the window user's UI catalog with its {{placeholders}} filled; English when the key is missing. */
function text(lang: Language, key: string, params: Record<string, string | number> = {}): string {
  const find = (tree: Tree) => key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
  const raw = find(CATALOGS[lang]) ?? find(CATALOGS.en);
  return typeof raw === 'string' ? raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(params[name] ?? '')) : key;
}

/** Push events that deserve an OS notification when the window is not in front, and what they say in the user's language. */
const NOTICES: Partial<Record<string, (payload: unknown, lang: Language) => Notice | null>> = {
  'interventions.warning': (payload, lang) => {
    const p = events['interventions.warning'].safeParse(payload);
    if (!p.success) return null;
    const { count, first } = p.data;
    const kind = text(lang, `interventions.warnings.kinds.${first.kind}`);
    return {
      title: text(lang, 'interventions.warnings.toastTitle', { count }),
      body: warningLine(first.number, first.client, kind),
    };
  },
};

export function noticeFor(e: HostEvent, lang: Language): Notice | null {
  return NOTICES[e.name]?.(e.payload, lang) ?? null;
}
