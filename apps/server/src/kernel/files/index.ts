/**
 * Files (K9): uploads checked by size, extension and content, stored by SHA-256, traced as evidence, and attached
 * to the records they are evidence for. Other areas call `attachFiles` / `detachFiles` inside their own commands
 * and `listAttachments` / `presentAttachments` in their queries.
 */
import './actions.ts';
import './policies.ts';

export { fileRoutes } from './routes.ts';
export { attachFiles, detachFiles, uploadFile, type AttachFilesInput, type DetachFilesInput } from './commands.ts';
export { getFile, listAttachments, presentAttachments, presentFile } from './queries.ts';
export { fileStoreFor, LocalFileStore, type FileStore, type StoredBlob } from './store.ts';
export { ALLOWED_EXTENSIONS } from './file-types.ts';
