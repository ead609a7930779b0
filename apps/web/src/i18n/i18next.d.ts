import 'i18next';
import type { zhCN } from './zh-CN.ts';

// zh-CN is the reference resource: every key used with t() must exist there, and en-US is typed to match it.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
