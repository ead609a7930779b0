import type { filesZhCN } from './i18n.zh-CN.ts';

export const filesEnUS: typeof filesZhCN = {
  nav: 'My files',
  page: {
    title: 'My files',
    description: 'Every file you uploaded. Each file\'s SHA-256 is recorded in its trace, so a download can be checked against what was uploaded.',
    empty: 'You have not uploaded any files yet',
  },
  column: {
    name: 'File name',
    size: 'Size',
    type: 'Type',
    sha256: 'SHA-256',
    uploadedAt: 'Uploaded',
    state: 'State',
  },
  state: {
    attached: 'Attached',
    unattached: 'Not attached',
    hidden: 'Attached (not visible to you)',
  },
  attachedTo: 'Attached to: {{subject}}',
  download: 'Download',
  copySha: 'Copy the full SHA-256',
  copiedSha: 'SHA-256 copied',
  shaTitle: 'SHA-256: {{sha256}}',
  upload: {
    button: 'Upload files',
    hint: 'Up to {{limit}} per file; accepted: {{types}}',
    uploading: 'Uploading',
    failed: '"{{name}}" was not uploaded: {{reason}}',
    tooLarge: 'the file is larger than the limit of {{limit}}',
    typeNotAllowed: 'this type of file is not accepted',
    remove: 'Remove',
    unreadable: 'this file could not be read',
    dismiss: 'Dismiss',
  },
  list: {
    empty: 'No attachments',
  },
};
