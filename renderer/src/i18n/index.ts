import { useCallback } from 'react';
import { en } from './en.js';
import { useLangStore, type Lang } from './store.js';
import { zh, type MessageKey } from './zh.js';

export { useLangStore, type Lang } from './store.js';
export type { MessageKey } from './zh.js';

const tables: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = tables[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
}

export function useT(): Translate {
  const lang = useLangStore((s) => s.lang);
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

export function useLang(): Lang {
  return useLangStore((s) => s.lang);
}

/** Domain lists in shared carry both names; pick the one for the current language. */
export function localName(lang: Lang, entry: { zh: string; en: string }): string {
  return lang === 'zh' ? entry.zh : entry.en;
}
