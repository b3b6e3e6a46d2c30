import { z } from '../validation.js';
import type { ApiError } from '../errors.js';
import type { CallDef } from './define.js';
import { call } from './define.js';
import { pagingInput, type Page } from '../domain/paging.js';
import {
  dictItemInput,
  dictTypeSchema,
  idListSchema,
  idSchema,
  invalidFilterSchema,
  moveTargetSchema,
  nameSchema,
  remarkSchema,
  type DictItem,
} from '../domain/dictionaries.js';
import {
  customFieldDefInput,
  customFieldOptionInput,
  customFieldTargetSchema,
  customFieldTypeSchema,
  titleSchema,
  type CustomFieldDef,
  type CustomFieldOption,
} from '../domain/custom-fields.js';
import { ENTITY_NAMES, type Actor, type HistoryEntry } from '../domain/audit.js';
import { orgCalls } from './calls/org.js';
import { resourceCalls } from './calls/resources.js';
import { customerCalls } from './calls/customers.js';
import { excelCalls } from './calls/excel.js';
import { syncCalls } from './calls/sync.js';
import { handoverCalls } from './calls/handover.js';

export interface AppInfo {
  version: string;
  schemaVersion: number;
  deviceId: string;
  operator: Actor;
  transport: 'ipc' | 'http';
}

const fuzzyText = z
  .string()
  .max(100, '查询内容不能超过100个字')
  .transform((s) => s.normalize('NFKC').trim())
  .optional();

/**
 * The whole API the renderer can call. Both transports (Electron IPC and the
 * browser host's HTTP) are generated from this one object.
 */
export const contract = {
  'app.info': call<AppInfo>()({ input: z.object({}) }),

  'dict.list': call<Page<DictItem>>()({
    input: z.object({ typeCode: dictTypeSchema, name: fuzzyText, invalid: invalidFilterSchema, ...pagingInput }),
  }),
  'dict.get': call<DictItem>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'dict.create': call<DictItem>()({ input: dictItemInput, errors: ['DUPLICATE_NAME'] }),
  'dict.update': call<DictItem>()({
    input: z.object({ id: idSchema, name: nameSchema, remark: remarkSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'ITEM_INVALID'],
  }),
  'dict.setInvalid': call<{ changed: number }>()({
    input: z.object({ ids: idListSchema, invalid: z.boolean() }),
    errors: ['NOT_FOUND'],
  }),
  'dict.move': call<{ position: number }>()({
    input: z.object({ id: idSchema, to: moveTargetSchema }),
    errors: ['NOT_FOUND', 'MOVE_OUT_OF_RANGE'],
  }),
  /** Entries offered in pickers: valid ones, plus any named in keepIds so old records still show theirs. */
  'dict.options': call<DictItem[]>()({
    input: z.object({ typeCode: dictTypeSchema, keepIds: z.array(idSchema).max(1000).default([]) }),
  }),

  'customField.list': call<Page<CustomFieldDef>>()({
    input: z.object({ target: customFieldTargetSchema, title: fuzzyText, ...pagingInput }),
  }),
  'customField.get': call<CustomFieldDef>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customField.create': call<CustomFieldDef>()({ input: customFieldDefInput, errors: ['DUPLICATE_NAME'] }),
  'customField.update': call<CustomFieldDef>()({
    input: z.object({ id: idSchema, title: titleSchema, fieldType: customFieldTypeSchema, remark: remarkSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'CUSTOM_FIELD_OPEN'],
  }),
  'customField.setEnabled': call<{ changed: number }>()({
    input: z.object({ ids: idListSchema, enabled: z.boolean() }),
    errors: ['NOT_FOUND', 'CUSTOM_FIELD_NO_OPTIONS'],
  }),
  'customField.move': call<{ position: number }>()({
    input: z.object({ id: idSchema, to: moveTargetSchema }),
    errors: ['NOT_FOUND', 'MOVE_OUT_OF_RANGE'],
  }),
  /** The open custom fields of a target with their valid options: what a record's form shows. */
  'customField.formFields': call<{ def: CustomFieldDef; options: string[] }[]>()({
    input: z.object({ target: customFieldTargetSchema }),
  }),
  'customField.options': call<CustomFieldOption[]>()({
    input: z.object({ defId: idSchema }),
    errors: ['NOT_FOUND'],
  }),
  'customField.addOption': call<CustomFieldOption>()({
    input: customFieldOptionInput.extend({ defId: idSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'CUSTOM_FIELD_OPEN', 'CUSTOM_FIELD_NOT_SELECT'],
  }),
  'customField.updateOption': call<CustomFieldOption>()({
    input: customFieldOptionInput.extend({ id: idSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'CUSTOM_FIELD_OPEN', 'ITEM_INVALID'],
  }),
  'customField.setOptionInvalid': call<{ changed: number }>()({
    input: z.object({ ids: idListSchema, invalid: z.boolean() }),
    errors: ['NOT_FOUND', 'CUSTOM_FIELD_OPEN'],
  }),
  'customField.moveOption': call<{ position: number }>()({
    input: z.object({ id: idSchema, to: moveTargetSchema }),
    errors: ['NOT_FOUND', 'CUSTOM_FIELD_OPEN', 'MOVE_OUT_OF_RANGE'],
  }),

  'history.list': call<HistoryEntry[]>()({
    input: z.object({ entity: z.enum(ENTITY_NAMES), entityId: idSchema }),
  }),
  /** 恢复: write a field's value from before a past change back, as a new change. */
  'history.restore': call<{ restored: boolean }>()({
    input: z.object({ changeId: idSchema, field: z.string().min(1).max(64) }),
    errors: ['NOT_FOUND', 'NOTHING_TO_RESTORE', 'DUPLICATE_NAME', 'ITEM_INVALID', 'CUSTOM_FIELD_OPEN'],
  }),

  ...orgCalls,
  ...resourceCalls,
  ...customerCalls,
  ...excelCalls,
  ...syncCalls,
  ...handoverCalls,
} as const satisfies Record<string, CallDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** The input after its schema has run: what a service receives. */
export type CallArgs<K extends CallName> = z.output<Contract[K]['input']>;
export type CallResult<K extends CallName> = NonNullable<Contract[K]['__output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What both transports carry back for every call. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The one function a transport provides; everything else is typed on top of it. */
export type Invoke = (name: CallName, input: unknown) => Promise<Envelope<unknown>>;

/** The service side: one handler per call, receiving parsed input. */
export type Handlers = { [K in CallName]: (args: CallArgs<K>) => CallResult<K> | Promise<CallResult<K>> };
