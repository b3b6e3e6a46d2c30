import type { Handlers } from '../../../shared/api/contract.js';
import {
  IMPORT_FIELDS,
  IMPORT_TTL_MINUTES,
  PROJECT_IMPORT_KINDS,
  REJECT_REASON_HEADER,
  type ImportKind,
  type ImportMapping,
  type ImportOpenResult,
  type ImportRejectedRow,
} from '../../../shared/api/calls/excel.js';
import { AppError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { ServiceContext } from '../context.js';
import { assertProjectVisible } from '../org.js';
import { customerImporter } from './customers-import.js';
import { exportList } from './export.js';
import { commitRows, type Importer } from './importer.js';
import { checkMapping, mapRows, suggestMapping, type SourceRow } from './mapping.js';
import { relationImporter } from './relations-import.js';
import { areaImporter, resourceImporter } from './resources-import.js';
import { decodeUpload, readWorkbook, stampedFileName, writeWorkbook, type ParsedSheet } from './workbook.js';

export { importCustomerRows } from './customers-import.js';

type ExcelHandlers = Pick<
  Handlers,
  | 'import.open'
  | 'import.selectSheet'
  | 'import.dryRun'
  | 'import.commit'
  | 'import.rejectedWorkbook'
  | 'import.close'
  | 'import.template'
  | 'export.list'
>;

const IMPORTERS: Record<ImportKind, Importer<unknown>> = {
  customers: customerImporter,
  resources: resourceImporter,
  relations: relationImporter,
  resourceAreas: areaImporter,
};

/** An uploaded file as the host keeps it between the steps of an import. */
export interface OpenedFile {
  id: string;
  kind: ImportKind;
  projectId: string | null;
  fileName: string;
  sheets: ParsedSheet[];
  sheetIndex: number;
  lastUsed: number;
  /** After a commit: its rejected rows, for the rejected-rows workbook (validating again would now call every row a duplicate). */
  committed?: { mappingKey: string; rejected: ImportRejectedRow[] };
}

const TTL_MS = IMPORT_TTL_MINUTES * 60_000;
/** Files kept at once; opening one more forgets the least recently used. */
const MAX_FILES = 8;

/** The host-side store of opened files: in memory only, forgotten 30 minutes after last use. */
export class ImportFiles {
  private files = new Map<string, OpenedFile>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  add(file: Omit<OpenedFile, 'id' | 'lastUsed'>): OpenedFile {
    this.sweep();
    if (this.files.size >= MAX_FILES) {
      const newest = [...this.files.values()].sort((a, b) => b.lastUsed - a.lastUsed).slice(0, MAX_FILES - 1);
      this.keep((f) => newest.includes(f));
    }
    const opened: OpenedFile = { ...file, id: uuidv7(), lastUsed: this.now() };
    this.files.set(opened.id, opened);
    return opened;
  }

  get(id: string): OpenedFile {
    this.sweep();
    const file = this.files.get(id);
    if (!file)
      throw new AppError('IMPORT_EXPIRED', `导入文件已过期（超过${IMPORT_TTL_MINUTES}分钟未操作）或已关闭，请重新选择文件`);
    file.lastUsed = this.now();
    return file;
  }

  remove(id: string): boolean {
    const had = this.files.has(id);
    this.keep((f) => f.id !== id);
    return had;
  }

  expiresAt(file: OpenedFile): string {
    return new Date(file.lastUsed + TTL_MS).toISOString();
  }

  private sweep(): void {
    const now = this.now();
    this.keep((f) => now - f.lastUsed <= TTL_MS);
  }

  /** Keeps the files that pass; the rest (and their rows) are dropped. */
  private keep(pass: (file: OpenedFile) => boolean): void {
    this.files = new Map([...this.files].filter(([, f]) => pass(f)));
  }
}

const EMPTY = /是空的|只有标题行/;

/** The sheet asked for by name, or the first one with data. */
function pickSheet(sheets: readonly ParsedSheet[], name: string | undefined): number {
  if (name !== undefined) {
    const index = sheets.findIndex((s) => s.name === name);
    if (index < 0) throw new AppError('IMPORT_FILE', `工作表“${name}”不存在`);
    const problem = sheets[index]?.problem;
    if (problem) throw new AppError('IMPORT_FILE', problem);
    return index;
  }
  const index = sheets.findIndex((s) => !s.problem);
  if (index >= 0) return index;
  const tooBig = sheets.find((s) => s.problem && !EMPTY.test(s.problem));
  throw new AppError('IMPORT_FILE', tooBig?.problem ?? 'Excel 文件中没有数据，请在第一行填写标题、从第二行起填写数据');
}

function sheetOf(file: OpenedFile): ParsedSheet {
  const sheet = file.sheets[file.sheetIndex];
  if (!sheet) throw new AppError('IMPORT_EXPIRED');
  return sheet;
}

function openResult(files: ImportFiles, file: OpenedFile): ImportOpenResult {
  const sheet = sheetOf(file);
  return {
    fileId: file.id,
    fileName: file.fileName,
    kind: file.kind,
    sheets: file.sheets.map((s) => s.name),
    sheet: sheet.name,
    headers: sheet.headers,
    sampleRows: sheet.rows.slice(0, 5).map((r) => r.cells),
    rowCount: sheet.rows.length,
    suggestedMapping: suggestMapping(file.kind, sheet.headers),
    expiresAt: files.expiresAt(file),
  };
}

function mappingKey(mapping: ImportMapping): string {
  return JSON.stringify(
    Object.entries(mapping)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '') || '导入';
}

export function excelHandlers(ctx: ServiceContext, files: ImportFiles = new ImportFiles()): ExcelHandlers {
  /** The file, its rows mapped to fields, and its project (checked to be visible still). */
  const prepare = (fileId: string, mapping: ImportMapping): { file: OpenedFile; rows: SourceRow[] } => {
    const file = files.get(fileId);
    if (file.projectId) assertProjectVisible(ctx, file.projectId);
    const sheet = sheetOf(file);
    const columns = checkMapping(file.kind, mapping, sheet.headers);
    return { file, rows: mapRows(sheet.rows, columns) };
  };

  return {
    'import.open': async ({ kind, projectId, fileName, fileBase64, sheet }) => {
      const project = PROJECT_IMPORT_KINDS.includes(kind) ? (projectId ?? null) : null;
      if (project) assertProjectVisible(ctx, project);
      const buffer = decodeUpload(fileName, fileBase64);
      const sheets = await readWorkbook(buffer);
      const sheetIndex = pickSheet(sheets, sheet);
      const file = files.add({ kind, projectId: project, fileName, sheets, sheetIndex });
      return openResult(files, file);
    },

    'import.selectSheet': ({ fileId, sheet }) => {
      const file = files.get(fileId);
      file.sheetIndex = pickSheet(file.sheets, sheet);
      delete file.committed;
      return openResult(files, file);
    },

    'import.dryRun': ({ fileId, mapping }) => {
      const { file, rows } = prepare(fileId, mapping);
      const validated = IMPORTERS[file.kind].validate(ctx, rows, file.projectId);
      return {
        total: validated.total,
        valid: validated.accepted.length,
        rejected: validated.rejected,
        warnings: validated.warnings,
      };
    },

    'import.commit': ({ fileId, mapping, mode }) => {
      const { file, rows } = prepare(fileId, mapping);
      if (file.committed) throw new AppError('IMPORT_EXPIRED', '该文件已经导入过了；如需再次导入，请重新选择文件');
      const { imported, validated } = commitRows(ctx, IMPORTERS[file.kind], rows, file.projectId, mode);
      file.committed = { mappingKey: mappingKey(mapping), rejected: validated.rejected };
      return { imported, rejected: validated.rejected.length };
    },

    'import.rejectedWorkbook': async ({ fileId, mapping }) => {
      const { file, rows } = prepare(fileId, mapping);
      const rejected =
        file.committed && file.committed.mappingKey === mappingKey(mapping)
          ? file.committed.rejected
          : IMPORTERS[file.kind].validate(ctx, rows, file.projectId).rejected;
      const sheet = sheetOf(file);
      const byRow = new Map(sheet.rows.map((r) => [r.row, r.cells]));
      const buffer = await writeWorkbook(
        sheet.name,
        [...sheet.headers.map((header) => ({ header })), { header: REJECT_REASON_HEADER, width: 60 }],
        rejected.map((r) => [...(byRow.get(r.row) ?? sheet.headers.map(() => '')), r.reasons.join('；')]),
      );
      return { fileName: `${baseName(file.fileName)}_错误行.xlsx`, base64: buffer.toString('base64') };
    },

    'import.close': ({ fileId }) => ({ closed: files.remove(fileId) }),

    'import.template': async ({ kind }) => {
      const buffer = await writeWorkbook(
        '导入模板',
        IMPORT_FIELDS[kind].map((f) => ({ header: f.zh, width: Math.max(14, f.zh.length * 2 + 4) })),
        [],
      );
      const title = {
        customers: '客户导入模板',
        resources: '房产资源导入模板',
        relations: '客房关系导入模板',
        resourceAreas: '面积导入模板',
      }[kind];
      return { fileName: stampedFileName(title), base64: buffer.toString('base64') };
    },

    'export.list': (input) => exportList(ctx, input),
  };
}
