import { registerActions } from '../ledger/actions.ts';

export const SETTINGS_ACTIONS = registerActions({
  /** A system setting (the company's name and logo …) changed; the diff names the setting's fields. */
  'settings.update': 'system_setting',
});

type SettingsActions = { [K in keyof typeof SETTINGS_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends SettingsActions {}
}
