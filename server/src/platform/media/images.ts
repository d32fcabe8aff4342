import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
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
  /** A 360° photo (only looked for when asked); its display copy is then the whole sphere at 2:1. */
  panorama: boolean;
}

/** The widest display copy of a 360° photo: sharp enough to look around in, and a texture every GPU can hold. */
export const PANORAMA_MAX_WIDTH = 4096;
/** A 2:1 picture narrower than this is a wide banner, not a 360° photo, unless its XMP says it is one. */
const MIN_PANORAMA_WIDTH = 1024;

/** Where a picture sits in the whole sphere of an equirectangular panorama, in the panorama's pixels. */
export interface PanoramaLayout {
  fullWidth: number;
  fullHeight: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Whether a picture of this size (upright) is an equirectangular panorama: one whose GPano XMP (Google's Photo
 * Sphere tags, which 360° cameras and phones write) says so, or one that is exactly 2:1. A panorama tagged with a
 * cropped area (a phone's partial sphere) is placed where it belongs; without one, the picture is the whole sphere.
 */
export function panoramaLayout(width: number, height: number, xmp: string | undefined): PanoramaLayout | null {
  const whole = { fullWidth: width, fullHeight: height, left: 0, top: 0, width, height };
  // Both ways XMP writes a property: `GPano:Name="value"` and `<GPano:Name>value</GPano:Name>`.
  const tag = (name: string) => xmp?.match(new RegExp(`[:\\s<]${name}\\s*(?:=\\s*["']|>)\\s*([^"'<\\s]+)`))?.[1];
  const projection = tag('ProjectionType');
  if (projection !== undefined) {
    if (projection.toLowerCase() !== 'equirectangular') return null;
    const int = (name: string) => {
      const value = Number(tag(name));
      return Number.isInteger(value) ? value : NaN;
    };
    const area = {
      fullWidth: int('FullPanoWidthPixels'),
      fullHeight: int('FullPanoHeightPixels'),
      left: int('CroppedAreaLeftPixels'),
      top: int('CroppedAreaTopPixels'),
      width: int('CroppedAreaImageWidthPixels'),
      height: int('CroppedAreaImageHeightPixels'),
    };
    const fits =
      area.fullWidth > 0 && area.fullHeight > 0 && area.width > 0 && area.height > 0 && area.left >= 0 && area.top >= 0
      && area.left + area.width <= area.fullWidth && area.top + area.height <= area.fullHeight;
    return fits ? area : whole;
  }
  return width === 2 * height && width >= MIN_PANORAMA_WIDTH ? whole : null;
}

/**
 * A display copy (at most 1600 px on its longer side) and a thumbnail (at most 320 px), both WebP without
 * metadata. The original is not kept: it is where EXIF and GPS live. With `panoramas`, a 360° photo is found
 * (from its XMP, read here before it is dropped, or its shape) and its display copy is the whole sphere instead.
 */
export async function photoVariants(data: Buffer, limits: ImageLimits, options: { panoramas?: boolean } = {}): Promise<ImageVariants> {
  await sniffImage(data);
  return decoding(limits, async () => {
    const base = sharp(data, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate();
    const meta = options.panoramas ? await base.metadata() : undefined;
    const layout =
      meta && (meta.pages ?? 1) === 1
        ? panoramaLayout(meta.autoOrient.width, meta.autoOrient.height, meta.xmpAsString ?? meta.xmp?.toString('utf8'))
        : null;
    const { data: display, info } = layout
      ? await sphere(base, layout)
      : await base
          .clone()
          .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
    const thumb = await base.clone().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    return { display, thumb, width: info.width, height: info.height, panorama: layout !== null };
  });
}

/** The whole sphere at 2:1 with the picture in its place; what the picture does not cover is black. */
async function sphere(base: Sharp, layout: PanoramaLayout) {
  const width = Math.max(2, Math.min(PANORAMA_MAX_WIDTH, 2 * Math.round(layout.fullWidth / 2)));
  const height = width / 2;
  const sx = width / layout.fullWidth;
  const sy = height / layout.fullHeight;
  const left = Math.min(width - 1, Math.round(layout.left * sx));
  const top = Math.min(height - 1, Math.round(layout.top * sy));
  const w = Math.max(1, Math.min(width - left, Math.round(layout.width * sx)));
  const h = Math.max(1, Math.min(height - top, Math.round(layout.height * sy)));
  const placed = base.clone().resize(w, h, { fit: 'fill' });
  if (w === width && h === height) return placed.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
  const pixels = await placed.raw().toBuffer({ resolveWithObject: true });
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([{ input: pixels.data, raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels }, left, top }])
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
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
