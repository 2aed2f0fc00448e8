import crypto from 'crypto';
import fs from 'fs';
import { pipeline } from 'stream/promises';
import { NewsroomError } from '../newsroom/messages';

/**
 * The encrypted backup file: AES-256-GCM over the whole .tar.gz, the key derived
 * from the passphrase with scrypt and a random salt. GCM authenticates: a wrong
 * key, a flipped byte or a truncated file is refused before a restore touches
 * anything (Strapi's own `.enc` is AES-128-ECB without a salt or a check).
 * Layout: MAGIC | salt | iv | ciphertext | tag.
 */

const MAGIC = Buffer.from('banmian-backup-1'); // 16 bytes
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + SALT + IV;
export const MIN_KEY_LENGTH = 12;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const deriveKey = (passphrase: string, salt: Buffer) => crypto.scryptSync(passphrase, salt, 32, SCRYPT);

export function assertUsableKey(passphrase: string) {
  if (passphrase.length < MIN_KEY_LENGTH) throw new NewsroomError('backup.keyTooShort', { min: MIN_KEY_LENGTH });
}

/** A file only its owner may read or write, created empty (or emptied) before anything is written into it. */
export function privateFile(file: string) {
  fs.writeFileSync(file, '', { mode: 0o600 });
  fs.chmodSync(file, 0o600); // the mode of an existing file is kept by writeFileSync
}

export function isSealed(file: string) {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, MAGIC.length, 0) === MAGIC.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

export async function seal(plainFile: string, sealedFile: string, passphrase: string) {
  const salt = crypto.randomBytes(SALT);
  const iv = crypto.randomBytes(IV);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  privateFile(sealedFile);
  await pipeline(
    fs.createReadStream(plainFile),
    cipher,
    async function* framed(body: AsyncIterable<Buffer>) {
      yield Buffer.concat([MAGIC, salt, iv]);
      for await (const chunk of body) yield chunk;
      yield cipher.getAuthTag();
    },
    fs.createWriteStream(sealedFile, { flags: 'r+' }),
  );
}

/** Decrypts `sealedFile` into `plainFile` (mode 0600), or refuses: wrong key or damaged file. */
export async function unseal(sealedFile: string, plainFile: string, passphrase: string, shownName = sealedFile) {
  const { size } = fs.statSync(sealedFile);
  if (size <= HEADER + TAG) throw new NewsroomError('backup.damaged', { file: shownName, why: 'too short to be a backup' });
  const fd = fs.openSync(sealedFile, 'r');
  const header = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  try {
    fs.readSync(fd, header, 0, HEADER, 0);
    fs.readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    fs.closeSync(fd);
  }
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT);
  const iv = header.subarray(MAGIC.length + SALT);
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  privateFile(plainFile);
  try {
    await pipeline(fs.createReadStream(sealedFile, { start: HEADER, end: size - TAG - 1 }), decipher, fs.createWriteStream(plainFile, { flags: 'r+' }));
  } catch (error) {
    fs.rmSync(plainFile, { force: true });
    if (/authenticate/.test((error as Error).message)) throw new NewsroomError('backup.wrongKey', { file: shownName });
    throw error;
  }
}
