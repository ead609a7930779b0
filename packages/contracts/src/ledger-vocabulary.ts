/**
 * The words for what the ledger records: action names, diff field names, subject types and coded values, in both
 * languages. Shared by the server (plain-language trace entries, kernel/ledger/describe.ts) and the web (filters).
 * Open-ended strings, so plain maps: an action nobody labelled yet reads as itself, and a server test fails until it is
 * labelled (test/service/commands-traced.test.ts checks every value of the closed lists in values.ts that a command
 * traces).
 */
import { EN_US_LEDGER_VOCABULARY } from './ledger-vocabulary.en-US.ts';
import { ZH_CN_LEDGER_VOCABULARY } from './ledger-vocabulary.zh-CN.ts';

export interface LedgerVocabulary {
  actions: Record<string, string>;
  fields: Record<string, string>;
  subjectTypes: Record<string, string>;
  /**
   * A coded value in words, keyed `<subjectType>.<field>.<code>` for one kind of object or `<field>.<code>` for any
   * (the first wins): `notification_channel.kind.dingtalk_app` → 钉钉工作通知.
   */
  values: Record<string, string>;
}

export const LEDGER_VOCABULARY: Record<'zh-CN' | 'en-US', LedgerVocabulary> = {
  'zh-CN': ZH_CN_LEDGER_VOCABULARY,
  'en-US': EN_US_LEDGER_VOCABULARY,
};
