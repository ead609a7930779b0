/** Files (K9): uploaded evidence and its metadata. The bytes are sent as multipart and fetched from `/content`. */
import { z } from 'zod';
import { AllowedActions, PageQuery, uuid } from './common.ts';

export const FileMeta = z
  .object({
    id: uuid,
    name: z.string().describe('the original file name'),
    mime: z.string().describe('the type Henji determined from the extension and the content'),
    size: z.number().int().describe('bytes'),
    sha256: z.string().describe('lower-case hex SHA-256 of the content, as recorded in the trace'),
    uploadedById: uuid,
    createdAt: z.string(),
    attachedTo: z
      .object({ subjectType: z.string(), subjectId: z.string() })
      .nullable()
      .describe('the record this file is evidence for; null until it is attached'),
    attachedAt: z.string().nullable(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'FileMeta' });
export type FileMeta = z.infer<typeof FileMeta>;

export const FileListQuery = PageQuery.extend({
  mine: z.enum(['true']).default('true').describe('only the caller\'s own uploads are listed'),
}).strict();

export const FileRules = z
  .object({
    maxBytes: z.number().int().describe('the largest file an upload may carry'),
    extensions: z.array(z.string()).describe('accepted file name extensions, without the dot'),
  })
  .meta({ id: 'FileRules' });
export type FileRules = z.infer<typeof FileRules>;
