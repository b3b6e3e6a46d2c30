import { create } from 'zustand';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'sitedesk.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const useLangStore = create<LangState>((set) => {
  const lang = initialLang();
  applyLang(lang);
  return {
    lang,
    setLang: (next) => {
      applyLang(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // A locked-down profile without storage still switches for this session.
      }
      set({ lang: next });
    },
  };
});
