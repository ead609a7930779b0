/**
 * Message keys the schemas give zod as error messages, instead of English text. The server renders them in the
 * caller's language from its catalogue (apps/server/src/kernel/messages.ts, which must define every key here: tsc
 * checks it). The web app only asks these schemas `safeParse(...).success` and shows its own translated text, so a
 * key never reaches a screen.
 */
export const CONTRACT_MESSAGE_KEYS = [
  'contract.department_code',
  'contract.code',
  'contract.username',
  'contract.password_length',
  'contract.phone',
  'contract.ends_before_starts',
  'contract.delegate_to_self',
  'contract.webhook_url',
  'contract.webhook_event',
  'notify.time_of_day',
  'notify.feishu_user_id',
  'notify.agent_id',
  'notify.platform_user_id',
  'contract.node_id',
  'contract.field_key',
  'calendar.contract_time',
  'calendar.contract_period_order',
  'calendar.contract_period_overlap',
  'calendar.contract_no_working_time',
  'calendar.contract_time_zone',
  'calendar.contract_code',
  'calendar.contract_whole_days',
] as const;
export type ContractMessageKey = (typeof CONTRACT_MESSAGE_KEYS)[number];

/** Marks a string as a contract message key, so a typo fails tsc. */
export const messageKey = (key: ContractMessageKey): ContractMessageKey => key;
