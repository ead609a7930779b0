import { registerActions } from '../ledger/actions.ts';

export const NUMBERING_ACTIONS = registerActions({
  /** Traced on the subject the number was issued for, whatever its type. */
  'number.void': 'any',
});

type NumberingActions = { [K in keyof typeof NUMBERING_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends NumberingActions {}
}
