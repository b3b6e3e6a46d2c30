import { z } from '../validation.js';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const pagingInput = {
  page: z.number().int().min(1, '页码从1开始').default(1),
  pageSize: z
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), '每页条数只能是10、20、50或100')
    .default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The page a "jump to" box leads to, or null when the entry must do nothing:
 * empty, not a whole number, 0 or below, or beyond the last page.
 */
export function resolveJump(entry: string, total: number, pageSize: number): number | null {
  const text = entry.normalize('NFKC').trim();
  if (!/^\d+$/.test(text)) return null;
  const page = Number(text);
  if (page < 1 || page > pageCount(total, pageSize)) return null;
  return page;
}
