import type { z } from 'zod';
import { normalizePhone } from '../../../shared/domain/phones.js';

/** What a cell becomes: the value, nothing (blank cell), or the reason it cannot be read. */
export type Read<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

const blank = (raw: string | undefined) => (raw ?? '').normalize('NFKC').trim() === '';

/**
 * A choice written as its Chinese name, its code or its English name (any case), or one of
 * the extra names people use (回乡证 for 港澳居民来往内地通行证).
 */
export function readChoice<C extends string>(
  raw: string | undefined,
  label: string,
  options: readonly { code: C; zh: string; en?: string }[],
  aliases: Record<string, C> = {},
): Read<C> {
  if (blank(raw)) return { ok: true, value: undefined };
  const s = (raw ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  for (const o of options) {
    if (s === o.zh.toLowerCase() || s === o.code.toLowerCase() || (o.en && s === o.en.replace(/\s+/g, '').toLowerCase()))
      return { ok: true, value: o.code };
  }
  const alias = Object.entries(aliases).find(([name]) => name.toLowerCase() === s);
  if (alias) return { ok: true, value: alias[1] };
  return { ok: false, reason: `${label}“${raw}”无效，应为${options.map((o) => o.zh).join('、')}之一` };
}

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A date as people write it in Excel: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105,
 * with or without a time; or a date cell's serial number when the cell lost its date format.
 */
export function readDate(raw: string | undefined, label: string): Read<string> {
  if (blank(raw)) return { ok: true, value: undefined };
  const s = (raw ?? '').normalize('NFKC').trim();
  let date: string | null = null;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  if (ymd) date = realDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  else if (/^\d{8}$/.test(s)) date = realDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  else if (/^\d{5}(\.\d+)?$/.test(s)) {
    // Days since 1899-12-30 (Excel's 1900 system, including its phantom 1900-02-29).
    const serial = Math.floor(Number(s));
    if (serial >= 20_000 && serial <= 80_000)
      date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  if (date === null) return { ok: false, reason: `${label}“${raw}”不是有效日期，应写成 2024-01-31 这样的格式` };
  return { ok: true, value: date };
}

/** A number, allowing thousands separators, a unit after it (㎡, 平方米, %) and full-width digits. */
export function readNumber(raw: string | undefined, label: string, unit: RegExp = /(㎡|m²|m2|平方米|平米|%)$/i): Read<number> {
  if (blank(raw)) return { ok: true, value: undefined };
  const s = (raw ?? '').normalize('NFKC').trim().replace(unit, '').replace(/,/g, '').trim();
  const n = s === '' ? NaN : Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: `${label}“${raw}”不是数字` };
  return { ok: true, value: n };
}

/** A whole number such as a floor: 12, 12层, 12F, -1. */
export function readInteger(raw: string | undefined, label: string): Read<number> {
  const n = readNumber(raw, label, /(层|楼|f)$/i);
  if (n.ok && n.value !== undefined && !Number.isInteger(n.value)) return { ok: false, reason: `${label}“${raw}”应为整数` };
  return n;
}

const PHONE_SEPARATORS = /[,，;；、/\n]+/;

/**
 * Several numbers in one cell, separated by , ; 、 / or spaces. Spaces also group the digits
 * of one number (138 0013 8000, 0591 8765 4321), so space-separated pieces are joined into the
 * longest run that reads as one number.
 */
export function splitPhones(raw: string | undefined): string[] {
  if (blank(raw)) return [];
  const out: string[] = [];
  for (const part of (raw ?? '').normalize('NFKC').split(PHONE_SEPARATORS)) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    while (i < tokens.length) {
      let j = tokens.length;
      while (j > i + 1 && !normalizePhone(tokens.slice(i, j).join(' ')).ok) j -= 1;
      out.push(tokens.slice(i, j).join(' '));
      i = j;
    }
  }
  return out;
}

export function text(raw: string | undefined): string | undefined {
  return blank(raw) ? undefined : (raw ?? '').trim();
}

/** zod issues as “标签：原因”, once each; the label is left out when the message already names it. */
export function issueReasons(issues: readonly z.core.$ZodIssue[], labels: Record<string, string>): string[] {
  const reasons: string[] = [];
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    const label = labels[key];
    const reason = label && !issue.message.includes(label) ? `${label}：${issue.message}` : issue.message;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return reasons;
}
