import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { processImage, ImageTooLargeError } from '../../src/broadsheet/images';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-img-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function photo(width: number, height: number, withExif = true) {
  let img = sharp({ create: { width, height, channels: 3, background: { r: 180, g: 20, b: 30 } } }).jpeg();
  if (withExif) img = img.withExif({ IFD0: { Make: 'SecretCam', Artist: 'GPS-and-name' } });
  return img.toBuffer();
}

describe('processImage', () => {
  it('makes WebP and JPEG at each responsive width not larger than the photo, with no EXIF', async () => {
    const input = await photo(1800, 1200);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const cacheDir = path.join(tmp, 'a');
    const { image, files, resized } = await processImage(input, { cacheDir });
    expect(image.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 320],
      [960, 640],
      [1600, 1067],
    ]);
    expect(image.printJpeg).toBe(image.variants[2].jpeg);
    expect(resized).toBe(6);
    expect(files.size).toBe(6);
    for (const [name, data] of files) {
      const meta = await sharp(data).metadata();
      expect(meta.format).toBe(name.endsWith('.webp') ? 'webp' : 'jpeg');
      expect(meta.exif).toBeUndefined();
      expect(data.includes(Buffer.from('SecretCam'))).toBe(false);
    }
  });

  it('never enlarges a small photo', async () => {
    const { image } = await processImage(await photo(700, 500), { cacheDir: path.join(tmp, 'b') });
    expect(image.variants.map((v) => v.width)).toEqual([480, 700]);
  });

  it('reuses the cache: the same photo is not resized twice, and gives identical bytes', async () => {
    const input = await photo(1000, 800);
    const cacheDir = path.join(tmp, 'c');
    const first = await processImage(input, { cacheDir });
    const second = await processImage(input, { cacheDir });
    expect(first.image.variants.map((v) => v.width)).toEqual([480, 960, 1000]);
    expect(first.resized).toBe(6);
    expect(second.resized).toBe(0);
    expect([...second.files.entries()]).toEqual([...first.files.entries()]);
  });

  it('refuses a photo over the pixel limit with a message that says so', async () => {
    const input = await photo(3000, 2000, false);
    await expect(processImage(input, { cacheDir: path.join(tmp, 'd'), maxPixels: 5_000_000, label: 'photo big.jpg' })).rejects.toThrow(ImageTooLargeError);
    await expect(processImage(input, { cacheDir: path.join(tmp, 'd'), maxPixels: 5_000_000, label: 'photo big.jpg' })).rejects.toThrow(
      'photo big.jpg: 3000×2000 px (6.0 MP) is over the 5 MP limit',
    );
    expect(fs.existsSync(path.join(tmp, 'd'))).toBe(false);
  });

  it('names a file that is not an image', async () => {
    await expect(processImage(Buffer.from('not an image'), { cacheDir: path.join(tmp, 'e'), label: 'photo x.jpg' })).rejects.toThrow(
      /photo x\.jpg: not a readable image/,
    );
  });
});
