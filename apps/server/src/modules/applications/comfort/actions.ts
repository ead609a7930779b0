import { registerActions } from '../../../kernel/ledger/actions.ts';
import { registerNotificationTemplates } from '../../../kernel/notify/index.ts';

/** About the user themself, like their notification preferences. */
export const COMFORT_TRACE_ACTIONS = registerActions({
  'user.phrases_save': 'user',
  /** The image stays in the table; the trace holds its SHA-256 as evidence. */
  'user.signature_save': 'user',
  'user.signature_delete': 'user',
  /** An xlsx of 我的申请 or 我的待办 downloaded: which list, the filters and how many rows. */
  'user.export': 'user',
});

type ComfortTraceActions = { [K in keyof typeof COMFORT_TRACE_ACTIONS]: true };

declare module '../../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends ComfortTraceActions {}
}

export const COMFORT_TEMPLATES = registerNotificationTemplates({
  'application.cc_added': {
    'zh-CN': { title: '抄送：{title}', body: '{actor}将{applicant}的{type}「{title}」抄送给您，请查阅。' },
    'en-US': { title: 'Copy: {title}', body: '{actor} copied {applicant}\'s {type} "{title}" to you for your information.' },
  },
});

type ComfortTemplates = { [K in keyof typeof COMFORT_TEMPLATES]: true };
declare module '../../../kernel/notify/templates.ts' {
  interface NotificationTemplateCatalogue extends ComfortTemplates {}
}
