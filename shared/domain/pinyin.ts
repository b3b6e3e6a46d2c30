import { pinyin } from 'pinyin-pro';

/** Keys a name is found by when typed in Latin letters: 张三 → { initials: 'zs', full: 'zhangsan' }. */
export interface NameSearchKeys {
  initials: string;
  full: string;
}

/**
 * A person's first character is read as a surname, where many characters have a reading
 * of their own (单 shan, 曾 zeng, 解 xie, 区 ou, 查 zha, 仇 qiu, 朴 piao); organisation
 * names are read as ordinary words (解放, 单位).
 */
export type NameKind = 'person' | 'organization';

/**
 * Latin letters and digits in the name pass through lower-cased, one by one, so 'Tom李'
 * gives 'toml' / 'tomli'; punctuation, spaces and characters without a known reading are
 * left out because nobody types them when searching. ü is written v, as on keyboards.
 */
export function nameSearchKeys(name: string, kind: NameKind = 'person'): NameSearchKeys {
  const text = name.normalize('NFKC').toLowerCase();
  if (text.trim() === '') return { initials: '', full: '' };
  const options = { toneType: 'none', type: 'array', v: true, surname: kind === 'person' ? 'head' : 'off' } as const;
  const keep = (parts: string[]) => parts.join('').replace(/[^a-z0-9]/g, '');
  return {
    initials: keep(pinyin(text, { ...options, pattern: 'first' })),
    full: keep(pinyin(text, { ...options, pattern: 'pinyin' })),
  };
}
