import { z } from '../validation.js';
import { MAX_BLOB_BYTES } from '../sync/protocol.js';

/**
 * Attachments (ID scans, defect photos, signatures) as the user adds them: which files, how
 * large, and how their sync shows. The bytes are kept on the device content-addressed by their
 * sha256 and travel apart from the record that names them (shared/sync/protocol.ts), so a
 * record can be on the server, or on another office's device, before its file is.
 */
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const IMAGE_MIMES: readonly AttachmentMime[] = ['image/jpeg', 'image/png', 'image/webp'];

export const MAX_ATTACHMENT_BYTES = MAX_BLOB_BYTES;
export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;
/** Base64 characters of the largest attachment (the calls carry the bytes as base64). */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export const ATTACHMENT_MESSAGES = {
  badType: '附件只能是 JPEG、PNG、WebP 图片或 PDF 文件',
  tooLarge: `附件不能超过 ${MAX_ATTACHMENT_MB} MB`,
  empty: '附件为空文件，无法保存',
  badData: '附件内容格式不正确',
  mismatch: '文件内容与其类型不符（文件可能已损坏，或扩展名被改过）',
  pending: '附件尚未下载到本机，联网同步后即可查看',
} as const;

/**
 * Where an attachment's bytes stand on this device: 'upload' — here, not yet on the group
 * server (待上传); 'download' — the record is here, its file not yet (待下载); null — both.
 */
export type AttachmentPending = 'upload' | 'download' | null;

export const attachmentMimeSchema = z.enum(ATTACHMENT_MIMES, { error: ATTACHMENT_MESSAGES.badType });

/** The file's bytes as base64 (no data: prefix), at most MAX_ATTACHMENT_BYTES once decoded. */
export const attachmentDataSchema = z
  .string({ error: ATTACHMENT_MESSAGES.empty })
  .min(1, ATTACHMENT_MESSAGES.empty)
  .max(MAX_ATTACHMENT_BASE64, ATTACHMENT_MESSAGES.tooLarge)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, ATTACHMENT_MESSAGES.badData)
  .refine((s) => s.length % 4 === 0, ATTACHMENT_MESSAGES.badData);

/** Bytes a base64 text decodes to, without decoding it. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The type a file's first bytes say it is (of the accepted ones), or null. */
export function sniffAttachmentMime(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** The accepted type of a file name's extension (a browser that gives no type), or null. */
export function attachmentMimeOfName(fileName: string): AttachmentMime | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'pdf':
      return 'application/pdf';
    default:
      return null;
  }
}
