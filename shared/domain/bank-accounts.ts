import { z } from '../validation.js';

export const ACCOUNT_MIN = 8;
export const ACCOUNT_MAX = 30;

export type AccountResult = { ok: true; number: string } | { ok: false; message: string };

/**
 * Bank account numbers as typed (spaces and dashes between groups, full-width digits)
 * to digits only. No Luhn check: it holds for most personal debit cards, but corporate
 * (对公) accounts and older passbook accounts of Chinese banks often fail it, and refusing
 * a real account is worse than letting a typo through to the bank's own check.
 */
export function normalizeAccountNumber(raw: string): AccountResult {
  const number = raw.normalize('NFKC').replace(/[\s\-\u2010-\u2015]/g, '');
  if (number === '') return { ok: false, message: '请输入银行账号' };
  if (!/^\d+$/.test(number)) return { ok: false, message: '银行账号只能包含数字' };
  if (number.length < ACCOUNT_MIN || number.length > ACCOUNT_MAX) {
    return { ok: false, message: `银行账号应为${ACCOUNT_MIN}至${ACCOUNT_MAX}位数字，现在是${number.length}位` };
  }
  return { ok: true, number };
}

/**
 * For lists and printouts: 6222 **** **** 0123. The first 4 digits (which bank) are kept
 * only when at least 4 more stay hidden; below 12 digits showing both ends would give
 * most of the number away.
 */
export function maskAccountNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length <= 4) return '****';
  const last = digits.slice(-4);
  return digits.length >= 12 ? `${digits.slice(0, 4)} **** **** ${last}` : `**** ${last}`;
}

/** A required account number, output as digits only. */
export const accountNumberSchema = z.string({ error: '请输入银行账号' }).transform((value, ctx) => {
  const result = normalizeAccountNumber(value);
  if (!result.ok) {
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  }
  return result.number;
});
