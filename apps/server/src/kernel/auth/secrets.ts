import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');
