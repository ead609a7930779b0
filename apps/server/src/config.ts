/**
 * Configuration comes from the environment only, validated once at start with messages a person can act on.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseNetwork } from './kernel/outbound/network.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  HENJI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  HENJI_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  HENJI_LEDGER_KEY_FILE: z.string().min(1).optional(),
  HENJI_SEQUENCER_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(250),
  HENJI_JOB_POLL_MS: z.coerce.number().int().min(10).max(60000).default(500),
  HENJI_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  HENJI_SECURE_COOKIES: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  HENJI_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  HENJI_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  HENJI_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  HENJI_LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(100000).default(50),
  HENJI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HENJI_WEB_DIST: z.string().optional(),
  HENJI_FILES_DIR: z.string().min(1).optional(),
  HENJI_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .max(2 * 1024 ** 3, 'must be at most 2 GiB')
    .default(20 * 1024 * 1024),
  HENJI_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be the http(s) address users open Henji at, like https://henji.example.com')
    .optional(),
  HENJI_TASK_OWNER_HOURS: z.coerce.number().positive('must be a positive number of hours').max(24 * 90, 'must be at most 2160 hours (90 days)').default(24),
  HENJI_CLOCK_START: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v), 'must be an ISO 8601 instant like 2026-06-17T06:28:17.123Z')
    .optional(),
  HENJI_ALLOW_PRIVATE_NETWORKS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((n) => n.trim()).filter((n) => n !== ''))
    .refine((networks) => networks.every((n) => parseNetwork(n) !== null), 'must be networks like 10.0.0.0/8,127.0.0.1/32,fd00::/8, separated by commas'),
  HENJI_TASK_REMIND_BEFORE_HOURS: z.coerce.number().positive('must be a positive number of hours').max(24 * 90, 'must be at most 2160 hours (90 days)').default(24),
  HENJI_OIDC_ISSUER: z
    .string()
    .refine((v) => v === '' || isOidcIssuer(v), 'must be the https:// issuer URL of the OpenID provider (http:// only on loopback, for trials)')
    .optional(),
  HENJI_OIDC_CLIENT_ID: z.string().optional(),
  HENJI_OIDC_CLIENT_SECRET: z.string().optional(),
  HENJI_OIDC_CLAIM: z.enum(['email', 'preferred_username']).default('email'),
  HENJI_DINGTALK_LOGIN_CLIENT_ID: z.string().optional(),
  HENJI_DINGTALK_LOGIN_CLIENT_SECRET: z.string().optional(),
  HENJI_WECOM_LOGIN_CORP_ID: z.string().optional(),
  HENJI_WECOM_LOGIN_AGENT_ID: z.string().regex(/^\d{1,20}$/, 'must be the AgentId, a number').optional(),
  HENJI_WECOM_LOGIN_SECRET: z.string().optional(),
  HENJI_FEISHU_LOGIN_APP_ID: z.string().optional(),
  HENJI_FEISHU_LOGIN_APP_SECRET: z.string().optional(),
});

/** An issuer is https, or http on a loopback address (a provider on the same machine, tests and trials). */
function isOidcIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname));
  } catch {
    return false;
  }
}

/**
 * Sign-in with DingTalk, WeCom or Feishu accounts through their OAuth endpoints (kernel/sso/platforms.ts): the
 * company's app credentials; `authorizeUrl` / `apiUrl` are the platform's public addresses unless a test (or a private
 * deployment, through Config) replaces them.
 */
export interface PlatformLoginConfig {
  clientId: string;
  clientSecret: string;
  /** WeCom's AgentId; null elsewhere. */
  agentId: string | null;
  authorizeUrl: string;
  apiUrl: string;
  /** DingTalk's older API (oapi), where a unionId is turned into the company's userid; null elsewhere. */
  oapiUrl?: string | null;
}

/** OpenID Connect sign-in (kernel/sso/): set by the operator in the environment, never by a web page. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token claim matched against existing users: `email` (users.email) or `preferred_username` (users.username). */
  claim: 'email' | 'preferred_username';
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  adminPassword: string | undefined;
  ledgerKeyFile: string;
  sequencerIntervalMs: number;
  jobPollMs: number;
  sessionHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
  /**
   * Sign-in throttling. `maxFailures` failures of one account from one address within `lockMinutes` hold back that
   * pair (429) for the rest of the window; `ratePerMinute` attempts per address per minute.
   */
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  /**
   * Failures of one account from all addresses within HENJI_LOGIN_LOCK_MINUTES that lock it for that long; far above
   * `login.maxFailures`, so one address cannot lock anyone out (kernel/auth/throttle.ts).
   */
  loginAccountMaxFailures: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  webDist: string;
  /** Where the local FileStore keeps uploaded files (K9). */
  filesDir: string;
  /** The largest file an upload may carry, in bytes; larger uploads are refused with 413 and nothing is stored. */
  maxUploadBytes: number;
  /** The address users open Henji at; links in emails, robot and SMS messages start with it. Null: messages carry no link. */
  publicUrl: string | null;
  /** Tracked tasks (T2): hours a task may wait for an owner; hours before the deadline the owner is reminded. */
  tasks: { ownerHours: number; remindBeforeHours: number };
  /**
   * Networks outbound requests (webhooks, robots, SMS, SMTP) may reach although they are loopback, private or reserved
   * (kernel/outbound/address-policy.ts). Empty: only public addresses.
   */
  allowPrivateNetworks: string[];
  /** Tests and demonstrations only: the process clock starts at this instant and runs from there (kernel/clock.ts). */
  clockStart: string | null;
  /** Single sign-on by OpenID Connect; null when not configured (the sign-in page then offers only passwords). */
  oidc: OidcConfig | null;
  /** DingTalk / WeCom / Feishu sign-in; a platform not configured is not offered. */
  platformLogin: { dingtalk: PlatformLoginConfig | null; wecom: PlatformLoginConfig | null; feishu: PlatformLoginConfig | null };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidc = oidcOf(e);
  const dataDir = path.resolve(e.HENJI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    adminPassword: e.HENJI_ADMIN_PASSWORD,
    ledgerKeyFile: path.resolve(e.HENJI_LEDGER_KEY_FILE ?? path.join(dataDir, 'keys', 'ledger-ed25519.pem')),
    sequencerIntervalMs: e.HENJI_SEQUENCER_INTERVAL_MS,
    jobPollMs: e.HENJI_JOB_POLL_MS,
    sessionHours: e.HENJI_SESSION_HOURS,
    secureCookies: e.HENJI_SECURE_COOKIES,
    trustProxy: e.HENJI_TRUST_PROXY,
    login: {
      maxFailures: e.HENJI_LOGIN_MAX_FAILURES,
      lockMinutes: e.HENJI_LOGIN_LOCK_MINUTES,
      ratePerMinute: e.HENJI_LOGIN_RATE_PER_MINUTE,
    },
    loginAccountMaxFailures: e.HENJI_LOGIN_ACCOUNT_MAX_FAILURES,
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.HENJI_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    filesDir: path.resolve(e.HENJI_FILES_DIR ?? path.join(dataDir, 'files')),
    maxUploadBytes: e.HENJI_MAX_UPLOAD_BYTES,
    publicUrl: e.HENJI_PUBLIC_URL ? e.HENJI_PUBLIC_URL.replace(/\/+$/, '') : null,
    tasks: { ownerHours: e.HENJI_TASK_OWNER_HOURS, remindBeforeHours: e.HENJI_TASK_REMIND_BEFORE_HOURS },
    clockStart: e.HENJI_CLOCK_START ?? null,
    allowPrivateNetworks: e.HENJI_ALLOW_PRIVATE_NETWORKS,
    oidc,
    platformLogin: platformLoginOf(e),
  };
}

function platformLoginOf(e: z.infer<typeof Env>): Config['platformLogin'] {
  const set = (names: Record<string, string | undefined>) => {
    const missing = Object.entries(names).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length === Object.keys(names).length) return false;
    if (missing.length > 0) throw new ConfigError(`Invalid configuration in the environment:\n  ${missing.join(', ')}: must be set too for this sign-in`);
    if (!e.HENJI_PUBLIC_URL) throw new ConfigError('Invalid configuration in the environment:\n  HENJI_PUBLIC_URL: must be set for sign-in with DingTalk, WeCom or Feishu (the redirect address is built from it)');
    return true;
  };
  return {
    dingtalk: set({ HENJI_DINGTALK_LOGIN_CLIENT_ID: e.HENJI_DINGTALK_LOGIN_CLIENT_ID, HENJI_DINGTALK_LOGIN_CLIENT_SECRET: e.HENJI_DINGTALK_LOGIN_CLIENT_SECRET })
      ? { clientId: e.HENJI_DINGTALK_LOGIN_CLIENT_ID!, clientSecret: e.HENJI_DINGTALK_LOGIN_CLIENT_SECRET!, agentId: null, authorizeUrl: 'https://login.dingtalk.com/oauth2/auth', apiUrl: 'https://api.dingtalk.com', oapiUrl: 'https://oapi.dingtalk.com' }
      : null,
    wecom: set({ HENJI_WECOM_LOGIN_CORP_ID: e.HENJI_WECOM_LOGIN_CORP_ID, HENJI_WECOM_LOGIN_AGENT_ID: e.HENJI_WECOM_LOGIN_AGENT_ID, HENJI_WECOM_LOGIN_SECRET: e.HENJI_WECOM_LOGIN_SECRET })
      ? { clientId: e.HENJI_WECOM_LOGIN_CORP_ID!, clientSecret: e.HENJI_WECOM_LOGIN_SECRET!, agentId: e.HENJI_WECOM_LOGIN_AGENT_ID!, authorizeUrl: 'https://login.work.weixin.qq.com/wwlogin/sso/login', apiUrl: 'https://qyapi.weixin.qq.com/cgi-bin' }
      : null,
    feishu: set({ HENJI_FEISHU_LOGIN_APP_ID: e.HENJI_FEISHU_LOGIN_APP_ID, HENJI_FEISHU_LOGIN_APP_SECRET: e.HENJI_FEISHU_LOGIN_APP_SECRET })
      ? { clientId: e.HENJI_FEISHU_LOGIN_APP_ID!, clientSecret: e.HENJI_FEISHU_LOGIN_APP_SECRET!, agentId: null, authorizeUrl: 'https://open.feishu.cn/open-apis/authen/v1/authorize', apiUrl: 'https://open.feishu.cn/open-apis' }
      : null,
  };
}

function oidcOf(e: z.infer<typeof Env>): OidcConfig | null {
  const given = { HENJI_OIDC_ISSUER: e.HENJI_OIDC_ISSUER, HENJI_OIDC_CLIENT_ID: e.HENJI_OIDC_CLIENT_ID, HENJI_OIDC_CLIENT_SECRET: e.HENJI_OIDC_CLIENT_SECRET };
  const missing = Object.entries(given).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length > 0) throw new ConfigError(`Invalid configuration in the environment:\n  ${missing.join(', ')}: must be set too for OpenID Connect sign-in`);
  if (!e.HENJI_PUBLIC_URL) throw new ConfigError('Invalid configuration in the environment:\n  HENJI_PUBLIC_URL: must be set for OpenID Connect sign-in (the redirect address is built from it)');
  return { issuer: e.HENJI_OIDC_ISSUER!.replace(/\/+$/, ''), clientId: e.HENJI_OIDC_CLIENT_ID!, clientSecret: e.HENJI_OIDC_CLIENT_SECRET!, claim: e.HENJI_OIDC_CLAIM };
}
