/**
 * Approver comfort (issue 9 §7): saved phrases and signature, 批量同意, the copies of an application, the approver
 * preview and the xlsx downloads.
 */
import { useEffect, useState } from 'react';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type { ApplicationCopies, ApproverPreview, BatchApproveInput, BatchApproveResult, PhraseList, SavedSignature } from '@henji/contracts';
import type { z } from 'zod';
import { api, apiFile, type QueryParams } from '../api/client.ts';
import { fileNameOf } from './logic.ts';

export const comfortKeys = {
  phrases: ['me', 'phrases'] as const,
  signature: ['me', 'signature'] as const,
  copies: (applicationId: string) => ['applications', 'copies', applicationId] as const,
  preview: (typeId: string, form: unknown) => ['applications', 'approver-preview', typeId, form] as const,
};

export const usePhrases = () => useQuery({ queryKey: comfortKeys.phrases, queryFn: () => api<PhraseList>('/api/me/phrases').then((r) => r.items) });

export const savePhrases = (phrases: string[]) => api<PhraseList>('/api/me/phrases', { method: 'PUT', body: { phrases } }).then((r) => r.items);

export const useSavedSignature = () => useQuery({ queryKey: comfortKeys.signature, queryFn: () => api<SavedSignature>('/api/me/signature') });

export const saveSignature = (image: string) => api<SavedSignature>('/api/me/signature', { method: 'PUT', body: { image } });
export const deleteSignature = () => api<SavedSignature>('/api/me/signature', { method: 'DELETE' });

export const batchApprove = (input: z.input<typeof BatchApproveInput>) =>
  api<BatchApproveResult>('/api/inbox/batch-approve', { method: 'POST', body: input });

export const useCopies = (applicationId: string) =>
  useQuery({ queryKey: comfortKeys.copies(applicationId), queryFn: () => api<ApplicationCopies>(`/api/applications/${encodeURIComponent(applicationId)}/copies`).then((r) => r.items) });

/** A value that follows `value` once it has stopped changing for `ms` (the preview waits for the typing to pause). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Who would approve this form, level by level; refetched when the (debounced) form changes. */
export const useApproverPreview = (typeId: string | undefined, form: Record<string, unknown> | null) =>
  useQuery({
    queryKey: comfortKeys.preview(typeId ?? '', form),
    queryFn: typeId && form ? () => api<ApproverPreview>(`/api/application-types/${encodeURIComponent(typeId)}/approver-preview`, { method: 'POST', body: { form } }) : skipToken,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

/** Downloads a file the API builds (an xlsx) and saves it under the name the server gives. */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  const { blob, disposition } = await apiFile(path, query);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(disposition, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
