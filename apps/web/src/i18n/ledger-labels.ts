/** Labels for the server's action catalogue, diff field names and subject types, per language (see ./labels.ts). */
export interface LedgerLabels {
  actions: Record<string, string>;
  fields: Record<string, string>;
  subjectTypes: Record<string, string>;
}
