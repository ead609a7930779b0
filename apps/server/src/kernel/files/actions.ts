import { registerActions } from '../ledger/actions.ts';

export const FILE_ACTIONS = registerActions({
  'file.upload': 'file',
  /** The file's own trace records what it became evidence for; the record it is attached to traces it too. */
  'file.attach': 'file',
  'file.detach': 'file',
});

type FileActions = { [K in keyof typeof FILE_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends FileActions {}
}
