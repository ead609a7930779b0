/** English for sign-in through identity providers; typed against zh-CN, so a missing or extra key is a compile error. */
import type { ssoZhCN } from './i18n.zh-CN.ts';

export const ssoEnUS: typeof ssoZhCN = {
  or: 'or',
  oidc: 'Sign in with single sign-on',
  dingtalk: 'Sign in with DingTalk',
  wecom: 'Sign in with WeCom',
  feishu: 'Sign in with Feishu',
  errors: {
    unknown_user: 'This account matches no active Henji user. Ask an administrator to record the same email, username or mobile number in your profile; Henji does not create accounts for unknown identities.',
    ambiguous: 'This account matches several users; ask an administrator to resolve the duplicate email or mobile number.',
    inactive: 'The matching user is disabled or has left and cannot sign in.',
    locked: 'The account is locked after repeated failed sign-ins; try again later or contact an administrator.',
    state: 'The sign-in request expired or was not started in this browser; click sign in again.',
    nonce: 'The identity token does not belong to this sign-in and was refused; sign in again.',
    issuer: 'The identity token does not come from the configured identity provider and was refused.',
    token: 'The identity token is invalid or expired; sign in again.',
    provider_error: 'The identity provider refused or cancelled the sign-in.',
    unverified_email: 'The identity provider has not verified this email address, so it cannot be used to sign in.',
    unavailable: 'The identity provider cannot be reached right now; try again later.',
    rate_limited: 'Too many sign-in attempts; please wait a moment.',
    unknown: 'Single sign-on failed; try again or sign in with your password.',
  },
};
