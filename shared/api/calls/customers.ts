import { z } from '../../validation.js';
import { call } from '../define.js';
import { pagingInput, type Page } from '../../domain/paging.js';
import { idSchema } from '../../domain/dictionaries.js';
import {
  bankAccountInput,
  customerCreateInput,
  customerFields,
  familyMemberInput,
  vehicleInput,
  type BankAccountView,
  type Customer,
  type CustomerBrief,
  type CustomerPhone,
  type Vehicle,
} from '../../domain/customers.js';
import { dateSchema, type Resource } from '../../domain/resources.js';
import { relationInput, type RelationRole } from '../../domain/relations.js';
import type { HistoryEntry } from '../../domain/audit.js';
import type { IdDocumentType } from '../../domain/id-documents.js';
import { customerDocumentInput, type CustomerDocumentView } from '../../domain/customer-documents.js';
import type { AttachmentMime } from '../../domain/attachments.js';

export interface DuplicateReport {
  /** The same ID document: registering again is refused; the user opens this one instead. */
  sameDocument: CustomerBrief | null;
  samePhone: CustomerBrief[];
  sameNameAndPhone: CustomerBrief[];
}

export interface CustomerRelationView {
  id: string;
  projectId: string;
  projectName: string;
  resource: Pick<Resource, 'id' | 'kind' | 'code' | 'name' | 'endedOn'>;
  role: RelationRole;
  share: number | null;
  startDate: string;
  endDate: string | null;
  current: boolean;
  remark: string;
}

export interface FamilyView {
  id: string;
  relationId: string | null;
  relationName: string;
  member: CustomerBrief;
  /** This customer is registered in the other's family rather than the other way round. */
  reverse: boolean;
}

/** 客户360视图: everything about one customer across the projects the user may see. */
export interface Customer360 {
  customer: Customer & { idNumberMasked: string };
  phones: CustomerPhone[];
  family: FamilyView[];
  vehicles: (Vehicle & { parkingCode: string | null })[];
  accounts: BankAccountView[];
  relations: CustomerRelationView[];
  /** 证件扫描件, newest first, each with whether its file is still to upload or to download. */
  documents: CustomerDocumentView[];
  history: HistoryEntry[];
  mergedFrom: { mergeId: string; mergedId: string; mergedName: string; undone: boolean }[];
}

export interface CustomerListRow extends CustomerBrief {
  idType: IdDocumentType;
  updatedAt: string;
}

export interface OmniResult {
  customers: (CustomerBrief & { matched: string })[];
  resources: (Pick<Resource, 'id' | 'kind' | 'code' | 'name' | 'status'> & {
    projectId: string;
    projectName: string;
    owners: string[];
    matched: string;
  })[];
  vehicles: { id: string; plate: string; customerId: string; customerName: string; matched: string }[];
}

export const customerCalls = {
  'customer.list': call<Page<CustomerListRow>>()({
    input: z.object({ query: z.string().max(50).optional(), projectId: idSchema.optional(), ...pagingInput }),
  }),
  'customer.checkDuplicates': call<DuplicateReport>()({
    input: z.object({
      idType: z.string().optional(),
      idNumber: z.string().max(60).optional(),
      name: z.string().max(100).optional(),
      phones: z.array(z.string().max(40)).max(5).default([]),
      exceptId: idSchema.optional(),
    }),
  }),
  'customer.create': call<Customer>()({
    input: customerCreateInput,
    errors: ['DUPLICATE_ID_DOCUMENT', 'DUPLICATE_WARNING', 'NOT_FOUND'],
  }),
  'customer.update': call<Customer>()({
    input: z.object({ id: idSchema, fields: customerFields, acknowledgeDuplicates: z.boolean().default(false) }),
    errors: ['NOT_FOUND', 'DUPLICATE_ID_DOCUMENT', 'DUPLICATE_WARNING', 'CUSTOMER_MERGED'],
  }),
  'customer.view': call<Customer360>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customer.addFamily': call<FamilyView>()({
    input: z.object({ customerId: idSchema, family: familyMemberInput }),
    errors: ['NOT_FOUND', 'DUPLICATE_ID_DOCUMENT'],
  }),
  'customer.removeFamily': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customer.addVehicle': call<Vehicle>()({
    input: vehicleInput.extend({ customerId: idSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_CODE'],
  }),
  'customer.updateVehicle': call<Vehicle>()({
    input: vehicleInput.extend({ id: idSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_CODE'],
  }),
  'customer.removeVehicle': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customer.addAccount': call<BankAccountView>()({
    input: bankAccountInput.extend({ customerId: idSchema }),
    errors: ['NOT_FOUND'],
  }),
  'customer.setPrimaryAccount': call<{ ok: true }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customer.removeAccount': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'customer.merge': call<{ mergeId: string }>()({
    input: z.object({ survivorId: idSchema, mergedId: idSchema }),
    errors: ['NOT_FOUND', 'MERGE_RULE', 'CUSTOMER_MERGED'],
  }),
  'customer.undoMerge': call<{ ok: true }>()({ input: z.object({ mergeId: idSchema }), errors: ['NOT_FOUND', 'MERGE_RULE'] }),

  /**
   * 证件扫描件: keeps the file on this device content-addressed (the same content once, whoever
   * adds it) and the record through the write path; the file reaches the group server after the
   * record, in the sync's attachment phase.
   */
  'customer.addDocument': call<CustomerDocumentView>()({
    input: customerDocumentInput,
    errors: ['NOT_FOUND', 'CUSTOMER_MERGED'],
  }),
  'customer.removeDocument': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  /** The file of a document; ATTACHMENT_PENDING while it has not been downloaded to this device. */
  'customer.documentContent': call<{ mime: AttachmentMime; dataBase64: string; fileName: string; size: number }>()({
    input: z.object({ id: idSchema }),
    errors: ['NOT_FOUND', 'ATTACHMENT_PENDING'],
  }),

  'relation.create': call<{ id: string }>()({
    input: relationInput,
    errors: ['NOT_FOUND', 'RELATION_RULE', 'OWNER_EXISTS', 'RESOURCE_ENDED', 'PROJECT_NOT_VISIBLE'],
  }),
  'relation.end': call<{ ok: true }>()({
    input: z.object({ id: idSchema, endDate: dateSchema }),
    errors: ['NOT_FOUND', 'RELATION_RULE'],
  }),
  /** 过户: the current owner group ends on a date and a new one begins, in one step. */
  'relation.transferOwnership': call<{ ok: true }>()({
    input: z.object({
      resourceId: idSchema,
      effectiveOn: dateSchema,
      owners: z
        .array(
          z.object({
            customerId: idSchema,
            role: z.enum(['owner', 'coOwner']),
            share: z.number().gt(0).max(100).nullable().default(null),
          }),
        )
        .min(1, '请至少选择一位新业主'),
    }),
    errors: ['NOT_FOUND', 'RELATION_RULE', 'RESOURCE_ENDED', 'PROJECT_NOT_VISIBLE'],
  }),

  'search.omni': call<OmniResult>()({
    input: z.object({ query: z.string().max(60, '搜索内容过长'), limit: z.number().int().min(1).max(50).default(10) }),
  }),
} as const;
