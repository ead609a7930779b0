/**
 * Labels for values the server defines (ledger actions, diff field names, subject types). They are open-ended strings,
 * so they live in plain maps rather than in the typed t() keys: an action the UI does not know yet shows as itself.
 */
import { useTranslation } from 'react-i18next';
// The vocabulary alone, not the contracts' index: that would bring zod into every page that shows a label.
import { LEDGER_VOCABULARY } from '@henji/contracts/ledger-vocabulary';
import { isLocale, type Locale } from './index.ts';
import type { LedgerLabels } from './ledger-labels.ts';

const LABELS: Record<Locale, LedgerLabels> = LEDGER_VOCABULARY;

export function useLedgerLabels() {
  const { i18n } = useTranslation();
  const labels = LABELS[isLocale(i18n.language) ? i18n.language : 'zh-CN'];
  return {
    action: (action: string) => labels.actions[action] ?? action,
    field: (field: string) => labels.fields[field] ?? field,
    subjectType: (subjectType: string) => labels.subjectTypes[subjectType] ?? subjectType,
    /** Known subject types and actions, as options for filters. */
    subjectTypes: Object.entries(labels.subjectTypes).map(([value, label]) => ({ value, label })),
    actions: Object.entries(labels.actions).map(([value, label]) => ({ value, label })),
  };
}
