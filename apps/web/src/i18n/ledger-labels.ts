/** Labels for the server's action catalogue, diff field names and subject types: the shared vocabulary (@henji/contracts). */
export type { LedgerVocabulary as LedgerLabels } from '@henji/contracts';
