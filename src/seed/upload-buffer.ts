import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';

/** Uploads an in-memory file through Strapi's upload plugin, so responsive formats are made as for any upload. */
export async function uploadBuffer(strapi: Core.Strapi, buffer: Buffer, fileName: string, mimetype: string, fileInfo: Record<string, unknown> = {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'banmian-upload-'));
  const filepath = path.join(dir, fileName);
  try {
    await fs.writeFile(filepath, buffer);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: fileName, ...fileInfo } },
        files: { filepath, originalFilename: fileName, mimetype, size: buffer.length },
      });
    return file;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
