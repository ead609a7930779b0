/** Files (K9): uploads, my uploads, and what an upload may be. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FileMeta, FileRules } from '@henji/contracts';
import { api, apiUpload, type UploadOptions } from '../api/client.ts';
import type { PageOf } from '../api/types.ts';

/** The ledger subject type of a file, for its trace panel. */
export const FILE_SUBJECT = 'file';

export const fileKeys = {
  all: ['files'] as const,
  mine: {
    all: ['files', 'mine'] as const,
    page: (page: number, pageSize: number) => ['files', 'mine', { page, pageSize }] as const,
  },
  detail: (id: string) => ['files', 'detail', id] as const,
  rules: ['files', 'rules'] as const,
};

export const fileContentUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/content`;

export function uploadFile(file: File, options: UploadOptions = {}): Promise<FileMeta> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiUpload<FileMeta>('/api/files', form, options);
}

/** The limits change only with the server's configuration. */
export const useFileRules = () =>
  useQuery({ queryKey: fileKeys.rules, queryFn: () => api<FileRules>('/api/files/rules'), staleTime: Infinity });

export const useMyFiles = (page: number, pageSize: number) =>
  useQuery({
    queryKey: fileKeys.mine.page(page, pageSize),
    queryFn: () => api<PageOf<FileMeta>>('/api/files', { query: { mine: true, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
