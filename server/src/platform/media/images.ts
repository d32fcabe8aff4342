import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../errors';

export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

export interface ImageLimits {
  maxPixels: number;
}

/** Sniffs the bytes (never the name or header) and answers the image type, or throws `invalid_image`. */
export async function sniffImage(data: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(data);
  if (!type || !IMAGE_TYPES.has(type.mime)) {
    throw new AppError('invalid_image', 'The file is not a JPEG, PNG, WebP, GIF or AVIF image.');
  }
  return type.mime;
}

/**
 * Makes a square WebP of `size` pixels. The output carries no metadata (EXIF, GPS, ICC comments): sharp writes
 * none unless asked to. Orientation from EXIF is applied first, so the picture still stands the right way up.
 */
export async function squareWebp(data: Buffer, size: number, limits: ImageLimits): Promise<Buffer> {
  await sniffImage(data);
  return decoding(limits, () =>
    sharp(data, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .rotate()
      .resize(size, size, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer(),
  );
}

export interface ImageVariants {
  display: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * A display copy (at most 1600 px on its longer side) and a thumbnail (at most 320 px), both WebP without
 * metadata. The original is not kept: it is where EXIF and GPS live.
 */
export async function photoVariants(data: Buffer, limits: ImageLimits): Promise<ImageVariants> {
  await sniffImage(data);
  return decoding(limits, async () => {
    const base = sharp(data, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate();
    const { data: display, info } = await base
      .clone()
      .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await base.clone().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    return { display, thumb, width: info.width, height: info.height };
  });
}

async function decoding<T>(limits: ImageLimits, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) {
      throw new AppError('image_too_large', `The image has more than ${limits.maxPixels} pixels.`);
    }
    throw new AppError('invalid_image', 'The image could not be read.', { cause: err });
  }
}
