import { base64Bytes, MAX_ATTACHMENT_BYTES } from '../../../../../shared/domain/attachments.js';

/** The longest side of a photo as it is stored: enough to read a crack, small enough to sync. */
export const PHOTO_MAX_SIDE = 1600;
const JPEG_QUALITY = 0.85;

export interface PreparedPhoto {
  mime: 'image/jpeg';
  dataBase64: string;
  /** When the picture was taken, as near as the browser knows (the file's time). */
  takenAt: string | null;
  /** For the preview beside the form, before anything is saved. */
  previewUrl: string;
  name: string;
}

export class PhotoError extends Error {
  constructor(
    readonly kind: 'notImage' | 'unreadable' | 'tooLarge',
    readonly fileName: string,
  ) {
    super(kind);
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('unreadable'));
    img.src = url;
  });
}

/**
 * A chosen or camera photo, scaled so its longest side is at most 1600 px and saved as JPEG
 * through a canvas, on this computer. Nothing leaves the machine but the finished JPEG.
 */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (!file.type.startsWith('image/') && !/\.(jpe?g|png|webp|gif|bmp)$/i.test(file.name)) {
    throw new PhotoError('notImage', file.name);
  }
  const source = URL.createObjectURL(file);
  try {
    let img: HTMLImageElement;
    try {
      img = await loadImage(source);
    } catch {
      throw new PhotoError('unreadable', file.name);
    }
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1));
    const width = Math.max(1, Math.round(img.naturalWidth * scale));
    const height = Math.max(1, Math.round(img.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoError('unreadable', file.name);
    // A transparent PNG would turn black in a JPEG.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    const dataUrl = canvas.toDataURL('image/jpeg', JPEG_QUALITY);
    const dataBase64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    if (base64Bytes(dataBase64) > MAX_ATTACHMENT_BYTES) throw new PhotoError('tooLarge', file.name);
    return {
      mime: 'image/jpeg',
      dataBase64,
      takenAt: file.lastModified ? new Date(file.lastModified).toISOString() : null,
      previewUrl: dataUrl,
      name: file.name,
    };
  } finally {
    URL.revokeObjectURL(source);
  }
}
