import { z } from 'zod';
import { SIGN_IN_METHODS } from './values.ts';

export const SignInMethod = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof SignInMethod>;

export const SignInMethods = z
  .object({
    password: z.boolean(),
    methods: z.array(SignInMethod).describe('providers configured on this server, each with a button on the sign-in page'),
  })
  .meta({ id: 'SignInMethods' });
export type SignInMethods = z.infer<typeof SignInMethods>;

export const SsoStartQuery = z.strictObject({
  next: z.string().max(2000).optional().describe('a path of the web app to return to after signing in'),
});

/**
 * What the provider sends back to the redirect URI (OAuth 2.0 §4.1.2, RFC 9207 `iss`). Not strict: a client must ignore
 * response parameters it does not know (RFC 6749 §4.1.2), and providers add their own (`session_state`, `scope` …).
 */
export const OidcCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** What DingTalk (`authCode`), WeCom and Feishu (`code`) send back to the redirect URI, with `state`; not strict, as above. */
export const PlatformCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  authCode: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
});
