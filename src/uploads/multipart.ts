import fs from 'fs/promises';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';

/**
 * Multipart bodies, parsed only where files are taken and only once the caller
 * is known: a route middleware, which Strapi runs after authentication and the
 * route's policies (compose-endpoint: auth → policies → route middlewares →
 * handler). The global `strapi::body` is configured not to parse multipart
 * (config/middlewares.ts), so an anonymous multipart POST anywhere is answered
 * with its 401/403/404/405 without a byte of it reaching the disk.
 *
 * Every temp file a request wrote is deleted when the request ends, answered
 * or failed, whatever the form field was called (Strapi's own body middleware
 * removes only the field `files`, and not when the handler throws).
 */

export type MultipartLimits = {
  /** Files per request; the ones after it are not written, and the request is refused. */
  maxFiles: number;
  /** All the request's files together, in bytes. */
  maxBytes: number;
  /** The text fields together (fileInfo, edits…), in bytes. */
  maxFieldsBytes?: number;
};

export type UploadSettings = { tmpDir: string; maxFiles: number; requestMaxBytes: number };

/** config/server.ts `uploads`, with the defaults it documents. */
export function uploadSettings(strapi: Core.Strapi): UploadSettings {
  const s = (strapi.config.get('server.uploads') ?? {}) as Partial<UploadSettings>;
  return { tmpDir: s.tmpDir || os.tmpdir(), maxFiles: s.maxFiles ?? 20, requestMaxBytes: s.requestMaxBytes ?? 50 * 1024 * 1024 };
}

// The koa-body Strapi's own body middleware uses (a dependency of @strapi/core, not of banmian).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { koaBody } = require(require.resolve('koa-body', { paths: [require.resolve('@strapi/core')] }));

const MAX_FIELDS = 200;
const FORMIDABLE_TOO_LARGE = new Set([1009, 1006]); // biggerThanMaxFileSize, maxFieldsSizeExceeded
const FORMIDABLE_TOO_MANY_FIELDS = 1007;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function parseError(error: any, limits: MultipartLimits) {
  if (FORMIDABLE_TOO_LARGE.has(error?.code)) return refusal('upload.tooLarge', { limitMb: mb(limits.maxBytes) });
  if (error?.code === FORMIDABLE_TOO_MANY_FIELDS) return refusal('upload.tooManyFields', { max: MAX_FIELDS });
  return refusal('upload.unreadable', { why: String(error?.message ?? error).split('\n')[0] });
}

export function multipartBody(strapi: Core.Strapi, limits: MultipartLimits) {
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (!ctx.is('multipart')) return next();
    const { tmpDir } = uploadSettings(strapi);
    const written: string[] = [];
    let files = 0;
    try {
      const parse = koaBody({
        multipart: true,
        patchKoa: true,
        formidable: {
          uploadDir: tmpDir,
          maxFileSize: limits.maxBytes,
          maxFieldsSize: limits.maxFieldsBytes ?? 1024 * 1024,
          maxFields: MAX_FIELDS,
          enabledPlugins: ['multipart'],
          // Counted before a file is opened: files past the limit are never written.
          filter: () => ++files <= limits.maxFiles,
          onFileBegin: (_field: string, file: { filepath: string }) => {
            written.push(file.filepath);
          },
        },
      });
      try {
        await parse(ctx, async () => {});
      } catch (error) {
        throw parseError(error, limits);
      }
      if (files > limits.maxFiles) throw refusal('upload.tooManyFiles', { max: limits.maxFiles, count: files });
      return await next();
    } finally {
      await Promise.all(written.map((file) => fs.rm(file, { force: true })));
    }
  };
}
