/**
 * Notification templates: each area registers its own, in both languages, with `{param}` placeholders, and augments
 * `NotificationTemplateCatalogue` so `notify()` accepts only known templates (a typo fails tsc, as for actions).
 * A notification stores its template key and parameters, not text: it is rendered in the reader's language when it
 * is read or sent, so a recipient who switches language sees every notification in the new one.
 *
 *   export const FLOW_TEMPLATES = registerNotificationTemplates({
 *     'flow.task_assigned': {
 *       'zh-CN': { title: '待办：{title}', body: '{applicant}提交的{title}等待你处理' },
 *       'en-US': { title: 'To do: {title}', body: '{title} from {applicant} is waiting for you' },
 *     },
 *   });
 *   type FlowTemplates = { [K in keyof typeof FLOW_TEMPLATES]: true };
 *   declare module '../notify/templates.ts' { interface NotificationTemplateCatalogue extends FlowTemplates {} }
 */
import { InternalError } from '../errors.ts';
import type { Locale } from '../messages.ts';

export interface RenderedNotification {
  title: string;
  body: string;
}
export type NotificationTemplate = Record<Locale, RenderedNotification>;
export type NotificationParams = Readonly<Record<string, string | number>>;

/** template key → true; areas add theirs by declaration merging. The channel test's own template is declared here. */
export interface NotificationTemplateCatalogue {
  'notify.test': true;
}
export type NotificationTemplateKey = Extract<keyof NotificationTemplateCatalogue, string>;

const templates = new Map<string, NotificationTemplate>();
const PLACEHOLDER = /\{(\w+)\}/g;

const placeholdersOf = (template: NotificationTemplate): string[] =>
  [...new Set(Object.values(template).flatMap((t) => [...`${t.title}\n${t.body}`.matchAll(PLACEHOLDER)].map((m) => m[1]!)))].sort();

const localePlaceholders = (text: RenderedNotification) =>
  [...new Set([...`${text.title}\n${text.body}`.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort().join(',');

/** Registers templates; both languages must use the same placeholders, checked when the module loads. */
export function registerNotificationTemplates<const T extends Record<string, NotificationTemplate>>(defs: T): T {
  for (const [key, template] of Object.entries(defs)) {
    if (templates.has(key)) throw new InternalError(`notification template ${key} is registered twice`);
    if (localePlaceholders(template['zh-CN']) !== localePlaceholders(template['en-US'])) {
      throw new InternalError(`notification template ${key} uses different placeholders in zh-CN and en-US`);
    }
    templates.set(key, template);
  }
  return defs;
}

export const registeredNotificationTemplates = (): ReadonlyMap<string, NotificationTemplate> => templates;

/**
 * Fails (InternalError, a 500 and a failing test) when the template is unknown at run time or a parameter is missing:
 * a programming error in the calling command, never the user's.
 */
export function checkTemplate(key: string, params: NotificationParams): void {
  const template = templates.get(key);
  if (!template) throw new InternalError(`notification template ${key} is not registered`);
  const missing = placeholdersOf(template).filter((name) => params[name] === undefined);
  if (missing.length > 0) throw new InternalError(`notification template ${key} needs the parameters ${missing.join(', ')}`);
}

/**
 * Renders a stored notification. A template no longer registered (its module removed) shows its key rather than
 * failing the whole inbox.
 */
export function renderNotification(key: string, params: NotificationParams, locale: Locale): RenderedNotification {
  const template = templates.get(key)?.[locale];
  if (!template) return { title: key, body: '' };
  const fill = (text: string) => text.replace(PLACEHOLDER, (placeholder, name: string) => (params[name] === undefined ? placeholder : String(params[name])));
  return { title: fill(template.title), body: fill(template.body) };
}

/** The channel test button's own template (系统集成 → 通知渠道 → 测试). */
registerNotificationTemplates({
  'notify.test': {
    'zh-CN': { title: '测试通知', body: '这是来自痕迹 Henji 的测试通知：通知渠道“{channel}”工作正常。' },
    'en-US': { title: 'Test notification', body: 'This is a test notification from Henji: the channel "{channel}" works.' },
  },
});

