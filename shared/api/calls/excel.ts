import { z } from '../../validation.js';
import { call } from '../define.js';
import { dictTypeSchema, idSchema, invalidFilterSchema } from '../../domain/dictionaries.js';
import { dateSchema, RESOURCE_KIND_CODES, RESOURCE_STATUS_CODES } from '../../domain/resources.js';
import { RELATION_ROLE_CODES } from '../../domain/relations.js';

/**
 * Excel import and export. The renderer cannot touch files, so a file travels base64-encoded:
 * `import.open` uploads and parses it once (the host keeps the rows for 30 minutes), the
 * mapping screen then works with the returned `fileId`.
 */
export const IMPORT_KINDS = [
  { code: 'customers', zh: '客户', en: 'Customers' },
  { code: 'resources', zh: '房产资源', en: 'Resources' },
  { code: 'relations', zh: '客房关系', en: 'Customer–resource relations' },
  { code: 'resourceAreas', zh: '房间面积（只更新已有房间）', en: 'Room areas (update existing rooms)' },
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number]['code'];
export const IMPORT_KIND_CODES = IMPORT_KINDS.map((k) => k.code) as [ImportKind, ...ImportKind[]];

/** Kinds whose rows belong to one project (their codes are unique within a project). */
export const PROJECT_IMPORT_KINDS: readonly ImportKind[] = ['resources', 'relations', 'resourceAreas'];

/** More rows than this in one sheet are refused: split the file. */
export const IMPORT_MAX_ROWS = 20_000;
/** The largest .xlsx accepted (it travels base64-encoded, a third larger, under the host's 32 MB body limit). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** How long the host keeps an opened file after its last use. */
export const IMPORT_TTL_MINUTES = 30;
/** An export stops at this many rows. */
export const EXPORT_MAX_ROWS = 100_000;
/** The last column of the rejected-rows workbook. */
export const REJECT_REASON_HEADER = '错误原因';

/**
 * A field an import fills: its key in a mapping, its Chinese label, whether a column must be
 * chosen for it, and the headers the mapping screen recognises (compared after removing spaces,
 * `*` marks and bracketed notes, so “证件号码（必填）” matches too).
 */
export interface ImportFieldDef {
  key: string;
  zh: string;
  required: boolean;
  headers: readonly string[];
  /** Shown beside the field on the mapping screen. */
  hint?: string;
}

export const IMPORT_FIELDS = {
  customers: [
    { key: 'name', zh: '客户名称', required: true, headers: ['客户名称', '姓名', '客户姓名', '名称', '单位名称', '业主姓名'] },
    { key: 'kind', zh: '客户类型', required: false, headers: ['客户类型', '类型'], hint: '个人或单位，空白为个人' },
    {
      key: 'idType',
      zh: '证件类型',
      required: false,
      headers: ['证件类型', '证件种类'],
      hint: '如居民身份证、护照；空白为居民身份证（单位为统一社会信用代码）',
    },
    {
      key: 'idNumber',
      zh: '证件号码',
      required: true,
      headers: ['证件号码', '身份证号', '身份证号码', '证件号', '身份证', '统一社会信用代码'],
    },
    {
      key: 'phones',
      zh: '电话',
      required: false,
      headers: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '联系方式', '移动电话'],
      hint: '多个号码用逗号、分号、顿号或空格分隔，第一个为主号码',
    },
    { key: 'gender', zh: '性别', required: false, headers: ['性别'] },
    { key: 'birthDate', zh: '出生日期', required: false, headers: ['出生日期', '生日', '出生年月日'] },
    { key: 'email', zh: '邮箱', required: false, headers: ['邮箱', '电子邮箱', '电子邮件', 'Email', 'E-mail', '邮件'] },
    { key: 'address', zh: '地址', required: false, headers: ['地址', '联系地址', '通讯地址', '住址', '家庭住址'] },
    { key: 'remark', zh: '备注', required: false, headers: ['备注', '说明'] },
  ],
  resources: [
    { key: 'code', zh: '编码', required: true, headers: ['编码', '房号', '资源编码', '房间编码', '房产编码', '车位号'] },
    { key: 'name', zh: '名称', required: true, headers: ['名称', '资源名称', '房间名称', '房产名称'] },
    {
      key: 'kind',
      zh: '类型',
      required: false,
      headers: ['类型', '资源类型', '房产类型'],
      hint: '楼栋、单元、楼层、房间、车位、商铺、公区或其他；空白为房间',
    },
    { key: 'parentCode', zh: '上级编码', required: false, headers: ['上级编码', '上级', '上级资源编码', '所属编码'] },
    { key: 'floorNo', zh: '楼层', required: false, headers: ['楼层', '所在楼层', '层'] },
    { key: 'buildArea', zh: '建筑面积', required: false, headers: ['建筑面积', '建面', '面积'] },
    { key: 'innerArea', zh: '套内面积', required: false, headers: ['套内面积', '套内建筑面积', '使用面积'] },
    { key: 'houseType', zh: '户型', required: false, headers: ['户型'] },
    { key: 'orientation', zh: '朝向', required: false, headers: ['朝向'] },
    { key: 'use', zh: '用途', required: false, headers: ['用途', '房产用途'] },
    { key: 'status', zh: '状态', required: false, headers: ['状态', '房态', '房屋状态'] },
    { key: 'zone', zh: '分区', required: false, headers: ['分区', '区域'] },
  ],
  relations: [
    { key: 'idType', zh: '证件类型', required: false, headers: ['证件类型', '证件种类'], hint: '空白为居民身份证' },
    {
      key: 'idNumber',
      zh: '证件号码',
      required: true,
      headers: ['证件号码', '身份证号', '身份证号码', '证件号', '身份证', '统一社会信用代码'],
      hint: '客户按证件号码识别，须已登记',
    },
    { key: 'resourceCode', zh: '房号', required: true, headers: ['房号', '资源编码', '编码', '房间编码', '房产编码', '车位号'] },
    {
      key: 'role',
      zh: '关系',
      required: true,
      headers: ['关系', '关系类型', '客户关系', '身份'],
      hint: '业主、共有人、租客、住户、家属或紧急联系人',
    },
    { key: 'share', zh: '份额', required: false, headers: ['份额', '产权份额', '占比', '份额（%）'] },
    { key: 'startDate', zh: '开始日期', required: true, headers: ['开始日期', '起始日期', '生效日期', '入住日期'] },
    { key: 'endDate', zh: '结束日期', required: false, headers: ['结束日期', '截止日期', '终止日期'] },
    { key: 'remark', zh: '备注', required: false, headers: ['备注', '说明'] },
  ],
  resourceAreas: [
    { key: 'code', zh: '房号', required: true, headers: ['房号', '编码', '资源编码', '房间编码', '房产编码'] },
    { key: 'buildArea', zh: '建筑面积', required: false, headers: ['建筑面积', '建面', '面积'] },
    { key: 'innerArea', zh: '套内面积', required: false, headers: ['套内面积', '套内建筑面积', '使用面积'] },
    { key: 'houseType', zh: '户型', required: false, headers: ['户型'] },
  ],
} as const satisfies Record<ImportKind, readonly ImportFieldDef[]>;

export type ImportFieldKey<K extends ImportKind> = (typeof IMPORT_FIELDS)[K][number]['key'];

/** Field key → index of the column (in `headers`) it comes from, or null for none. */
export type ImportMapping = Record<string, number | null>;

export interface ImportOpenResult {
  fileId: string;
  fileName: string;
  kind: ImportKind;
  sheets: string[];
  sheet: string;
  /** The header row; a blank header reads 列C. */
  headers: string[];
  /** The first 5 data rows, every cell as text, as long as `headers`. */
  sampleRows: string[][];
  /** Data rows (blank rows are not counted). */
  rowCount: number;
  suggestedMapping: ImportMapping;
  /** ISO time the host forgets the file unless it is used again. */
  expiresAt: string;
}

export interface ImportRejectedRow {
  /** The row number as Excel shows it. */
  row: number;
  /** The mapped cells of the row, by field key. */
  values: Record<string, string>;
  reasons: string[];
}

export interface ImportDryRunResult {
  total: number;
  valid: number;
  rejected: ImportRejectedRow[];
  /** Do not block the import (e.g. another customer has the same phone); shown for the user to check. */
  warnings: { row: number; messages: string[] }[];
}

export interface ImportCommitResult {
  imported: number;
  rejected: number;
}

/** A workbook for the user to save. */
export interface ExcelFile {
  fileName: string;
  base64: string;
}

export const IMPORT_MODES = ['validOnly', 'allOrNothing'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const EXPORT_VIEWS = [
  { code: 'customers', zh: '客户列表' },
  { code: 'resources', zh: '房产资源' },
  { code: 'dictItems', zh: '基础数据' },
  { code: 'relations', zh: '客房关系' },
] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number]['code'];

const fileIdSchema = z.uuid('文件标识格式不正确');
const mappingSchema = z.record(z.string().max(40), z.number().int().min(0).max(16_383).nullable());

const optionalText = (max: number) => z.string().max(max).optional();

/** The filters of each list view: the same inputs as its list call, without paging. */
const exportInput = z.discriminatedUnion('view', [
  z.object({
    view: z.literal('customers'),
    filters: z.object({ query: optionalText(50), projectId: idSchema.optional() }).default({}),
  }),
  z.object({
    view: z.literal('resources'),
    filters: z.object({
      projectId: idSchema,
      kind: z.enum(RESOURCE_KIND_CODES).optional(),
      status: z.enum(RESOURCE_STATUS_CODES).optional(),
      underId: idSchema.optional(),
      query: optionalText(50),
      on: dateSchema.optional(),
    }),
  }),
  z.object({
    view: z.literal('dictItems'),
    filters: z.object({
      typeCode: dictTypeSchema,
      name: z
        .string()
        .max(100, '查询内容不能超过100个字')
        .transform((s) => s.normalize('NFKC').trim())
        .optional(),
      invalid: invalidFilterSchema,
    }),
  }),
  z.object({
    view: z.literal('relations'),
    /** The relations current on a date (default today) of a project's resources. */
    filters: z.object({
      projectId: idSchema,
      underId: idSchema.optional(),
      role: z.enum(RELATION_ROLE_CODES).optional(),
      on: dateSchema.optional(),
    }),
  }),
]);

export const excelCalls = {
  'import.open': call<ImportOpenResult>()({
    input: z
      .object({
        kind: z.enum(IMPORT_KIND_CODES, { error: '请选择导入内容' }),
        projectId: idSchema.optional(),
        fileName: z.string().min(1, '缺少文件名').max(255, '文件名过长'),
        /** Size and format are checked by the host (IMPORT_FILE); this bound only caps the string. */
        fileBase64: z
          .string()
          .min(1, '请选择文件')
          .max(32 * 1024 * 1024, '文件不能超过20MB'),
        /** A sheet by name; the first sheet with data when left out. */
        sheet: z.string().max(100).optional(),
      })
      .refine((i) => !PROJECT_IMPORT_KINDS.includes(i.kind) || !!i.projectId, {
        message: '请选择项目',
        path: ['projectId'],
      }),
    errors: ['IMPORT_FILE', 'PROJECT_NOT_VISIBLE'],
  }),
  /** Another sheet of an opened file: the same answer as `import.open` for that sheet. */
  'import.selectSheet': call<ImportOpenResult>()({
    input: z.object({ fileId: fileIdSchema, sheet: z.string().max(100) }),
    errors: ['IMPORT_FILE', 'IMPORT_EXPIRED'],
  }),
  /** Validates every row as the commit would; writes nothing. */
  'import.dryRun': call<ImportDryRunResult>()({
    input: z.object({ fileId: fileIdSchema, mapping: mappingSchema }),
    errors: ['IMPORT_EXPIRED', 'PROJECT_NOT_VISIBLE'],
  }),
  /**
   * Validates again and writes the accepted rows in one transaction. `allOrNothing` imports
   * nothing (VALIDATION) when any row is rejected.
   */
  'import.commit': call<ImportCommitResult>()({
    input: z.object({ fileId: fileIdSchema, mapping: mappingSchema, mode: z.enum(IMPORT_MODES).default('validOnly') }),
    errors: [
      'IMPORT_EXPIRED',
      'PROJECT_NOT_VISIBLE',
      'DUPLICATE_ID_DOCUMENT',
      'DUPLICATE_CODE',
      'RELATION_RULE',
      'OWNER_EXISTS',
      'RESOURCE_ENDED',
      'NOT_FOUND',
      'CUSTOMER_MERGED',
    ],
  }),
  /** The rejected rows with their original columns and a last column 错误原因, to fix and import again. */
  'import.rejectedWorkbook': call<ExcelFile>()({
    input: z.object({ fileId: fileIdSchema, mapping: mappingSchema }),
    errors: ['IMPORT_EXPIRED', 'PROJECT_NOT_VISIBLE'],
  }),
  /** Forgets an opened file now rather than after 30 minutes. */
  'import.close': call<{ closed: boolean }>()({ input: z.object({ fileId: fileIdSchema }) }),
  /** An empty workbook with the recognised headers of an import, for the user to fill in. */
  'import.template': call<ExcelFile>()({ input: z.object({ kind: z.enum(IMPORT_KIND_CODES) }) }),

  /** Every row (up to 100,000) of a list view under its current filters, as .xlsx. */
  'export.list': call<ExcelFile>()({ input: exportInput, errors: ['PROJECT_NOT_VISIBLE', 'NOT_FOUND'] }),
} as const;
