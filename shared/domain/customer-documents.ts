import { z } from '../validation.js';
import {
  ATTACHMENT_MESSAGES,
  attachmentDataSchema,
  attachmentMimeSchema,
  base64Bytes,
  MAX_ATTACHMENT_BYTES,
  type AttachmentMime,
  type AttachmentPending,
} from './attachments.js';
import { idSchema } from './dictionaries.js';
import { optionalText } from './fields.js';
import { dateSchema } from './resources.js';

/** 证件扫描件: scans or photos of a customer's ID documents, kept with the customer. */
export const CUSTOMER_DOCUMENT_KINDS = [
  { code: 'idFront', zh: '证件正面', en: 'ID front' },
  { code: 'idBack', zh: '证件反面', en: 'ID back' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type CustomerDocumentKind = (typeof CUSTOMER_DOCUMENT_KINDS)[number]['code'];
const KIND_CODES = CUSTOMER_DOCUMENT_KINDS.map((k) => k.code) as [CustomerDocumentKind, ...CustomerDocumentKind[]];

export const DOCUMENT_FILE_NAME_MAX = 200;
export const DOCUMENT_REMARK_MAX = 200;

/** A customer's document, as the 360 view lists it. */
export interface CustomerDocumentView {
  id: string;
  customerId: string;
  kind: CustomerDocumentKind;
  fileName: string;
  mime: AttachmentMime;
  size: number;
  /** sha256 of the content. */
  hash: string;
  takenAt: string | null;
  remark: string;
  createdAt: string;
  createdBy: string;
  /** The file is not yet on the group server (upload) or not yet on this device (download). */
  pending: AttachmentPending;
}

export const customerDocumentInput = z
  .object({
    customerId: idSchema,
    kind: z.enum(KIND_CODES, { error: '请选择证件类别' }).default('other'),
    fileName: optionalText('文件名', DOCUMENT_FILE_NAME_MAX),
    mime: attachmentMimeSchema,
    dataBase64: attachmentDataSchema,
    /** When the scan or photo was taken: a date or a time with its offset. */
    takenAt: z
      .union([dateSchema, z.iso.datetime({ offset: true, error: '拍摄时间格式不正确' })])
      .nullable()
      .default(null),
    remark: optionalText('备注', DOCUMENT_REMARK_MAX),
  })
  .refine((v) => base64Bytes(v.dataBase64) <= MAX_ATTACHMENT_BYTES, {
    message: ATTACHMENT_MESSAGES.tooLarge,
    path: ['dataBase64'],
  });
