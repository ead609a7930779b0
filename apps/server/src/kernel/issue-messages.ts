/**
 * Renders zod issues in the reader's language. A message the shared schemas wrote is a catalogue key
 * (`contract.department_code`) and comes from the catalogue; any other issue is rendered again by zod's own locale, so
 * "Invalid input: expected string, received number" becomes "无效输入：期望 string，实际接收 数字" for a Chinese reader.
 * The issue must have been parsed with `reportInput: true` where zod needs the input to name what it received.
 */
import type { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { isMessageKey, render, type Locale, type Message } from './messages.ts';

const zodLocale: Record<Locale, ReturnType<typeof en>['localeError']> = {
  'zh-CN': zhCN().localeError,
  'en-US': en().localeError,
};

export function renderIssue(locale: Locale, issue: z.core.$ZodIssue): string {
  if (isMessageKey(issue.message)) return render(locale, { key: issue.message });
  // A raw issue must have an `input` key; a finalised one has it only when parsed with reportInput.
  const text = zodLocale[locale]({ input: undefined, ...issue });
  return (typeof text === 'string' ? text : text?.message) ?? issue.message;
}

/** Something to tell a person: a catalogue message, or a zod issue about one value. */
export type Problem = Message | z.core.$ZodIssue;

export const renderProblem = (locale: Locale, problem: Problem): string =>
  'path' in problem ? renderIssue(locale, problem) : render(locale, problem);
