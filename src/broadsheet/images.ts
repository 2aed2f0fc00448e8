import crypto from 'crypto';
import fs from 'fs/promises';
import path from 'path';
import sharp from 'sharp';

/**
 * Responsive images for the static site: WebP at each width plus a JPEG
 * fallback, EXIF stripped (sharp writes no metadata unless asked; orientation is
 * applied first), cached by the content hash of the source so a re-export never
 * resizes the same photo twice.
 */

export const DEFAULT_WIDTHS = [480, 960, 1600];
export const DEFAULT_MAX_PIXELS = 40_000_000;

// webp is null for previews that show Strapi's own formats (those keep the upload's format).
export type ImageVariant = { width: number; height: number; webp: string | null; jpeg: string };
export type ProcessedImage = { width: number; height: number; variants: ImageVariant[]; printJpeg: string };
export type ImageOptions = { cacheDir: string; widths?: number[]; maxPixels?: number; label?: string };

export class ImageTooLargeError extends Error {}

export function contentHash(input: Buffer) {
  return crypto.createHash('sha256').update(input).digest('hex');
}

async function cached(file: string, make: () => Promise<Buffer>): Promise<{ data: Buffer; made: boolean }> {
  try {
    return { data: await fs.readFile(file), made: false };
  } catch {
    const data = await make();
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
    return { data, made: true };
  }
}

/** Returns the variants (paths relative to the site root) and the files to write. */
export async function processImage(input: Buffer, options: ImageOptions) {
  const widths = options.widths ?? DEFAULT_WIDTHS;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const hash = contentHash(input);
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((error: Error) => {
      throw new Error(`${options.label ?? 'image'}: not a readable image (${error.message})`);
    });
  // Orientation 5–8 swaps the sides once the EXIF rotation is applied.
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (width * height > maxPixels) {
    throw new ImageTooLargeError(
      `${options.label ?? 'image'}: ${width}×${height} px (${((width * height) / 1e6).toFixed(1)} MP) is over the ${(maxPixels / 1e6).toFixed(0)} MP limit; scale it down before uploading`,
    );
  }
  const targets = [...new Set([...widths.filter((w) => w < width), Math.min(width, Math.max(...widths))])].sort((a, b) => a - b);
  const files = new Map<string, Buffer>();
  const variants: ImageVariant[] = [];
  let resized = 0;
  const short = hash.slice(0, 16);
  for (const w of targets) {
    const h = Math.round((height * w) / width);
    const base = () => sharp(input, { limitInputPixels: maxPixels }).rotate().resize({ width: w });
    const webp = await cached(path.join(options.cacheDir, `${hash}-${w}.webp`), () => base().webp({ quality: 80 }).toBuffer());
    const jpeg = await cached(path.join(options.cacheDir, `${hash}-${w}.jpg`), () => base().jpeg({ quality: 82, mozjpeg: true }).toBuffer());
    resized += Number(webp.made) + Number(jpeg.made);
    const v = { width: w, height: h, webp: `images/${short}-${w}.webp`, jpeg: `images/${short}-${w}.jpg` };
    files.set(v.webp, webp.data);
    files.set(v.jpeg, jpeg.data);
    variants.push(v);
  }
  const image: ProcessedImage = { width, height, variants, printJpeg: variants[variants.length - 1].jpeg };
  return { image, files, resized };
}
