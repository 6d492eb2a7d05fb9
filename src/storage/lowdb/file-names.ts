import { createHash } from 'node:crypto';

/**
 * A file name for any key: readable where the key is safe, with a hash so that two keys
 * that clean up to the same text never share a file, and no way out of the folder.
 */
export function fileNameFor(key: string): string {
  if (/^[A-Za-z0-9_-]{1,100}$/.test(key)) return key;
  const readable = key.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80);
  const hash = createHash('sha256').update(key).digest('base64url').slice(0, 16);
  return `${readable}~${hash}`;
}
