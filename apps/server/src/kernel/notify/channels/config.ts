/**
 * A channel's settings by kind: which fields each kind has, which of them are secrets (never returned by the API and
 * traced only as commitments, 保密性原则), and how a change applies.
 */
import type { ChannelConfigPatch, CreateChannelInput, NotificationChannel } from '@henji/contracts';
import { invalid } from '../../errors.ts';
import type { FieldChange } from '../../ledger/append.ts';
import { msg } from '../../messages.ts';
import type { AppConfig, ChannelConfig, ChannelKind, RobotConfig, SmsConfig, SmtpConfig } from '../schema.ts';

const FIELDS: Record<ChannelKind, readonly (keyof ChannelConfigPatch)[]> = {
  smtp: ['host', 'port', 'secure', 'username', 'password', 'from'],
  wecom: ['url', 'secret'],
  dingtalk: ['url', 'secret'],
  feishu: ['url', 'secret'],
  sms: ['url', 'token'],
  dingtalk_app: ['appId', 'appSecret', 'agentId', 'baseUrl'],
  wecom_app: ['appId', 'appSecret', 'agentId', 'baseUrl'],
  feishu_app: ['appId', 'appSecret', 'baseUrl'],
};

/** A robot's address carries its access key (…/send?key=…, …/hook/<token>): it is as secret as a password. */
const SECRETS: Record<ChannelKind, readonly string[]> = {
  smtp: ['password'],
  wecom: ['url', 'secret'],
  dingtalk: ['url', 'secret'],
  feishu: ['url', 'secret'],
  sms: ['token'],
  dingtalk_app: ['appSecret'],
  wecom_app: ['appSecret'],
  feishu_app: ['appSecret'],
};

export const isRobot = (kind: ChannelKind) => kind === 'wecom' || kind === 'dingtalk' || kind === 'feishu';
export const smtpConfig = (c: ChannelConfig) => c as SmtpConfig;
export const robotConfig = (c: ChannelConfig) => c as RobotConfig;
export const smsConfig = (c: ChannelConfig) => c as SmsConfig;
export const appConfig = (c: ChannelConfig) => c as AppConfig;
export const isApp = (kind: ChannelKind): kind is 'dingtalk_app' | 'wecom_app' | 'feishu_app' =>
  kind === 'dingtalk_app' || kind === 'wecom_app' || kind === 'feishu_app';

/** The stored form of a new channel's settings: optional fields absent become null. */
export function configOf(input: CreateChannelInput): ChannelConfig {
  switch (input.kind) {
    case 'smtp': {
      const c = input.config;
      return { host: c.host, port: c.port, secure: c.secure, username: c.username ?? null, password: c.password ?? null, from: c.from };
    }
    case 'sms':
      return { url: input.config.url, token: input.config.token ?? null };
    case 'dingtalk_app':
    case 'wecom_app':
    case 'feishu_app': {
      const c = input.config;
      return { appId: c.appId, appSecret: c.appSecret, agentId: input.kind === 'feishu_app' ? null : (c.agentId ?? null), baseUrl: c.baseUrl ?? null };
    }
    default:
      return { url: input.config.url, secret: input.config.secret ?? null };
  }
}

/** Applies a change; a field of another kind's settings is a validation error on that field. */
export function patchConfig(kind: ChannelKind, config: ChannelConfig, patch: ChannelConfigPatch): ChannelConfig {
  const given = Object.entries(patch).filter(([, v]) => v !== undefined);
  const foreign = given.filter(([field]) => !FIELDS[kind].includes(field as keyof ChannelConfigPatch));
  if (foreign.length > 0) {
    throw invalid(Object.fromEntries(foreign.map(([field]) => [`config.${field}`, msg('notify.field_not_of_kind', { kind })])));
  }
  return { ...config, ...Object.fromEntries(given) } as ChannelConfig;
}

/** The settings as the API shows them: secrets replaced by whether they are set; a robot's address masked. */
export function presentConfig(kind: ChannelKind, config: ChannelConfig): NotificationChannel['config'] {
  if (kind === 'smtp') {
    const { password, ...rest } = smtpConfig(config);
    return { ...rest, passwordSet: password !== null };
  }
  if (kind === 'sms') {
    const { url, token } = smsConfig(config);
    return { url, tokenSet: token !== null };
  }
  if (isApp(kind)) {
    const { appId, agentId, baseUrl, appSecret } = appConfig(config);
    return { appId, agentId, baseUrl, appSecretSet: appSecret !== '' };
  }
  const { url, secret } = robotConfig(config);
  return { url: maskUrl(url), secretSet: secret !== null };
}

/** Enough of a robot's address to recognise it (host and the last four characters), not enough to post with it. */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…${url.slice(-4)}`;
  } catch {
    return '…';
  }
}

/** The trace's diff of two settings, field by field as `config.<field>`, and which of those fields are secret. */
export function configDiff(kind: ChannelKind, before: ChannelConfig | null, after: ChannelConfig) {
  const diff: Record<string, FieldChange> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const field of FIELDS[kind]) {
    if (before === null) diff[`config.${field}`] = { after: a[field] ?? null };
    else if ((b[field] ?? null) !== (a[field] ?? null)) diff[`config.${field}`] = { before: b[field] ?? null, after: a[field] ?? null };
  }
  const confidential = SECRETS[kind].map((f) => `config.${f}`).filter((f) => f in diff);
  return { diff, confidential };
}
