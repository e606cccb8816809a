import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token of 32 bytes. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a string as 64 hex characters. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
