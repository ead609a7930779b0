/**
 * Approver comfort (issue 9 §7), the pure parts: editing the list of saved phrases, choosing to-dos for 批量同意,
 * summing up a batch's answers, the file name of a download.
 */
import type { BatchApproveResult, InboxItem } from '@henji/contracts';

/** The node id of copies the applicant adds on submitting (the server's APPLICANT_CC_NODE): no node of the flow. */
export const APPLICANT_CC_NODE = '__cc';

export const PHRASE_MAX_LENGTH = 200;
export const PHRASES_MAX = 30;
export const BATCH_MAX = 50;

export type PhraseProblem = 'empty' | 'tooLong' | 'duplicate' | 'tooMany';

/** Why a phrase cannot join the list (ignoring the phrase at `except`, the one being edited), or null. */
export function phraseProblem(list: readonly string[], text: string, except: number | null = null): PhraseProblem | null {
  const value = text.trim();
  if (value === '') return 'empty';
  if (value.length > PHRASE_MAX_LENGTH) return 'tooLong';
  if (list.some((p, i) => i !== except && p === value)) return 'duplicate';
  if (except === null && list.length >= PHRASES_MAX) return 'tooMany';
  return null;
}

export const addPhrase = (list: readonly string[], text: string): string[] => [...list, text.trim()];
export const editPhrase = (list: readonly string[], index: number, text: string): string[] => list.map((p, i) => (i === index ? text.trim() : p));
export const removePhrase = (list: readonly string[], index: number): string[] => list.filter((_, i) => i !== index);

/** Moves a phrase up (-1) or down (+1); at either end the list stays as it is. */
export function movePhrase(list: readonly string[], index: number, by: -1 | 1): string[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** The catalogue's suggestions the user has not saved yet: offered, never stored until they add one. */
export const suggestionsFor = (saved: readonly string[], suggestions: readonly string[]): string[] => suggestions.filter((s) => !saved.includes(s));

/** Appends a phrase to what the opinion box already holds (on a new line when it has text). */
export function insertPhrase(opinion: string | undefined, phrase: string): string {
  const current = (opinion ?? '').replace(/\s+$/, '');
  return current === '' ? phrase : `${current}\n${phrase}`;
}

/** A to-do 批量同意 may try: an open approval task whose form hash the list carries. */
export const batchSelectable = (item: InboxItem): boolean => item.kind === 'approve' && item.status === 'pending' && typeof item.formHash === 'string';

/** The selected to-dos still on the page, as the batch request lists them. */
export function batchItems(items: readonly InboxItem[], selected: ReadonlySet<string>) {
  return items
    .filter((item) => selected.has(item.taskId) && batchSelectable(item))
    .slice(0, BATCH_MAX)
    .map((item) => ({ applicationId: item.application.id, taskId: item.taskId, formHash: item.formHash! }));
}

/** Toggles every selectable to-do of the page: all on when any is off, else all off. */
export function toggleAll(items: readonly InboxItem[], selected: ReadonlySet<string>): Set<string> {
  const ids = items.filter(batchSelectable).map((i) => i.taskId);
  const allOn = ids.length > 0 && ids.every((id) => selected.has(id));
  const next = new Set(selected);
  for (const id of ids) {
    if (allOn) next.delete(id);
    else next.add(id);
  }
  return next;
}

export function toggleOne(selected: ReadonlySet<string>, taskId: string): Set<string> {
  const next = new Set(selected);
  if (next.has(taskId)) next.delete(taskId);
  else next.add(taskId);
  return next;
}

/** Each answer beside the title it is about, failures first, so the reader sees at once what needs them. */
export function batchRows(result: BatchApproveResult, items: readonly InboxItem[]) {
  const byTask = new Map(items.map((i) => [i.taskId, i]));
  return result.results
    .map((r) => ({ ...r, title: byTask.get(r.taskId)?.application.title ?? r.applicationId, number: byTask.get(r.taskId)?.application.number ?? null }))
    .sort((a, b) => Number(a.ok) - Number(b.ok));
}

/** The file name a `Content-Disposition` header gives (RFC 8187 `filename*` first), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}
