import { type ContractMessageKey } from './values.ts';

/** Marks a string as a contract message key, so a typo fails tsc. */
export const messageKey = (key: ContractMessageKey): ContractMessageKey => key;
