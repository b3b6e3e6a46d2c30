import type { TxWriter } from '../../../db/write.js';
import type { ImportMode, ImportRejectedRow } from '../../../shared/api/calls/excel.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import type { SourceRow } from './mapping.js';

/** The outcome of validating every row: what may be written, what is refused and why. */
export interface Validated<T> {
  total: number;
  accepted: { row: number; value: T }[];
  rejected: ImportRejectedRow[];
  warnings: { row: number; messages: string[] }[];
}

export interface ValidateOptions {
  /** Look up what only warns (possible duplicates); the commit leaves it out. Default true. */
  warnings?: boolean;
}

/**
 * One kind of import. `validate` reads only (it runs for the dry run and again inside the
 * commit's transaction); `write` writes the accepted rows through the services' own functions.
 */
export interface Importer<T> {
  validate(ctx: ServiceContext, rows: readonly SourceRow[], projectId: string | null, options?: ValidateOptions): Validated<T>;
  write(ctx: ServiceContext, tx: TxWriter, accepted: readonly { row: number; value: T }[], projectId: string | null): void;
}

/** Collects reasons and warnings per row while an importer works through a file. */
export class RowLedger {
  private readonly reasons = new Map<number, string[]>();
  private readonly notes = new Map<number, string[]>();

  constructor(readonly rows: readonly SourceRow[]) {}

  reject(row: number, ...reasons: string[]): void {
    const list = this.reasons.get(row) ?? [];
    for (const r of reasons) if (!list.includes(r)) list.push(r);
    this.reasons.set(row, list);
  }

  warn(row: number, message: string): void {
    const list = this.notes.get(row) ?? [];
    if (!list.includes(message)) list.push(message);
    this.notes.set(row, list);
  }

  isRejected(row: number): boolean {
    return (this.reasons.get(row)?.length ?? 0) > 0;
  }

  result<T>(values: ReadonlyMap<number, T>): Validated<T> {
    const accepted: Validated<T>['accepted'] = [];
    const rejected: ImportRejectedRow[] = [];
    for (const r of this.rows) {
      const reasons = this.reasons.get(r.row);
      const value = values.get(r.row);
      if (reasons && reasons.length > 0) rejected.push({ row: r.row, values: r.values, reasons });
      else if (value !== undefined) accepted.push({ row: r.row, value });
      else rejected.push({ row: r.row, values: r.values, reasons: ['该行数据无法导入'] });
    }
    const warnings = [...this.notes]
      .filter(([row]) => !this.isRejected(row))
      .map(([row, messages]) => ({ row, messages }))
      .sort((a, b) => a.row - b.row);
    return { total: this.rows.length, accepted, rejected, warnings };
  }
}

/** Runs a write for one row; a refusal names the row, so the user knows where to look. */
export function atRow<T>(row: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(error.code, `第${row}行：${error.message}`, error.fieldErrors, { ...error.details, row });
    }
    throw error;
  }
}

export interface CommitOutcome<T> {
  imported: number;
  validated: Validated<T>;
}

/**
 * Validates again and writes the accepted rows, all in ONE transaction: a failure while
 * writing leaves nothing behind. `allOrNothing` refuses the whole file when any row is rejected.
 */
export function commitRows<T>(
  ctx: ServiceContext,
  importer: Importer<T>,
  rows: readonly SourceRow[],
  projectId: string | null,
  mode: ImportMode,
): CommitOutcome<T> {
  return ctx.writer.transaction((tx) => {
    const validated = importer.validate(ctx, rows, projectId, { warnings: false });
    if (mode === 'allOrNothing' && validated.rejected.length > 0) {
      throw new AppError(
        'VALIDATION',
        `有${validated.rejected.length}行数据有误，按“全部成功才导入”的设置，未导入任何数据。请下载错误行，修改后重新导入`,
        undefined,
        { rejected: validated.rejected.length },
      );
    }
    importer.write(ctx, tx, validated.accepted, projectId);
    return { imported: validated.accepted.length, validated };
  });
}

/** Labels of an import's fields by key, for “标签：原因”. */
export function labelsOf(fields: readonly { key: string; zh: string }[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.zh]));
}

/** The rows of a bench or a script given as plain objects: numbered as Excel would (row 1 is the header). */
export function sourceRows(rows: readonly Record<string, string | undefined>[]): SourceRow[] {
  return rows.map((values, i) => ({
    row: i + 2,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])),
    lossy: [],
  }));
}
