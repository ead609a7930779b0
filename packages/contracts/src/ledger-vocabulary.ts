/**
 * The words for what the ledger records: action names, diff field names and subject types, in both languages. Shared
 * by the server (plain-language trace entries, kernel/ledger/describe.ts) and the web (filters). Open-ended strings, so
 * plain maps: an action nobody labelled yet reads as itself, and a server test fails until it is labelled.
 */
import { EN_US_LEDGER_VOCABULARY } from './ledger-vocabulary.en-US.ts';
import { ZH_CN_LEDGER_VOCABULARY } from './ledger-vocabulary.zh-CN.ts';

export interface LedgerVocabulary {
  actions: Record<string, string>;
  fields: Record<string, string>;
  subjectTypes: Record<string, string>;
}

export const LEDGER_VOCABULARY: Record<'zh-CN' | 'en-US', LedgerVocabulary> = {
  'zh-CN': ZH_CN_LEDGER_VOCABULARY,
  'en-US': EN_US_LEDGER_VOCABULARY,
};
