/**
 * OpenID Connect, authorization code flow with PKCE (RFC 7636), as a relying party: the provider's metadata from its
 * discovery document, the authorization URL with `state`, `nonce` and the S256 code challenge, the code exchanged at
 * the token endpoint (client_secret_basic), and the ID token checked — signature against the provider's JWKS, `iss`
 * equal to the configured issuer, `aud` containing (and `azp` naming) our client id, `exp` on Henji's clock, `nonce`
 * equal to the one this browser was given. jose does the JOSE; the flow is short enough to read here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../../config.ts';
import { now } from '../clock.ts';

const TIMEOUT_MS = 10_000;

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
}

/** Why a sign-in through the provider did not produce a verified identity; shown to the person as a message. */
export class OidcRefusal extends Error {
  constructor(
    readonly reason: 'provider_error' | 'state' | 'token' | 'issuer' | 'nonce' | 'unavailable',
    detail: string,
  ) {
    super(detail);
  }
}

/** The values one browser's sign-in is bound to, kept in its short-lived httpOnly cookie until the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export const randomToken = () => randomBytes(32).toString('base64url');
export const codeChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OidcClient {
  private metadata: Promise<ProviderMetadata> | null = null;
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(
    readonly config: OidcConfig,
    readonly redirectUri: string,
  ) {}

  /** The discovery document, fetched once per process (again after a failure). */
  private discover(): Promise<ProviderMetadata> {
    this.metadata ??= (async () => {
      const response = await fetch(`${this.config.issuer}/.well-known/openid-configuration`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      if (!response.ok) throw new Error(`the discovery document answered HTTP ${response.status}`);
      const doc = (await response.json()) as Partial<ProviderMetadata>;
      // OpenID Connect Discovery §4.3: the document's issuer must be exactly the one it was fetched for.
      if (doc.issuer !== this.config.issuer) throw new Error(`the discovery document names issuer ${String(doc.issuer)}`);
      if (!doc.authorization_endpoint || !doc.token_endpoint || !doc.jwks_uri) throw new Error('the discovery document lacks endpoints');
      return doc as ProviderMetadata;
    })().catch((error: unknown) => {
      this.metadata = null;
      throw new OidcRefusal('unavailable', error instanceof Error ? error.message : String(error));
    });
    return this.metadata;
  }

  async authorizationUrl(pending: PendingSignIn): Promise<string> {
    const { authorization_endpoint } = await this.discover();
    const url = new URL(authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri);
    url.searchParams.set('scope', this.config.claim === 'email' ? 'openid email' : 'openid profile');
    url.searchParams.set('state', pending.state);
    url.searchParams.set('nonce', pending.nonce);
    url.searchParams.set('code_challenge', codeChallenge(pending.verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  /**
   * The callback's query checked against the browser's pending sign-in, the code exchanged and the ID token verified.
   * Returns the ID token's claims.
   */
  async complete(query: Record<string, string | undefined>, pending: PendingSignIn | null): Promise<JWTPayload> {
    if (!pending || !query['state'] || query['state'] !== pending.state) throw new OidcRefusal('state', 'the state does not match this browser\'s sign-in');
    const metadata = await this.discover();
    // RFC 9207: a provider that names itself in the answer must be ours (mix-up attacks).
    if (query['iss'] !== undefined && query['iss'] !== metadata.issuer) throw new OidcRefusal('issuer', `the answer came from issuer ${query['iss']}`);
    if (query['error']) throw new OidcRefusal('provider_error', `${query['error']}${query['error_description'] ? `: ${query['error_description']}` : ''}`);
    if (!query['code']) throw new OidcRefusal('provider_error', 'the answer carries no code');

    const basic = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: query['code'], redirect_uri: this.redirectUri, code_verifier: pending.verifier }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    }).catch((error: unknown) => {
      throw new OidcRefusal('unavailable', `the token request failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const body = (await response.json().catch(() => null)) as { id_token?: unknown; access_token?: unknown; error?: unknown } | null;
    if (!response.ok || typeof body?.id_token !== 'string') {
      throw new OidcRefusal('token', `the token endpoint answered HTTP ${response.status}${body?.error ? ` (${String(body.error)})` : ''} without an ID token`);
    }

    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: TIMEOUT_MS });
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(body.id_token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.clientId,
        currentDate: now(),
        clockTolerance: 60,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iss') throw new OidcRefusal('issuer', error.message);
      throw new OidcRefusal('token', error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error));
    }
    if (claims['nonce'] !== pending.nonce) throw new OidcRefusal('nonce', 'the ID token\'s nonce is not this browser\'s');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (aud.length > 1 && claims['azp'] !== this.config.clientId) throw new OidcRefusal('token', 'the ID token is for several audiences and not authorised for us');
    // A conformant provider may keep scope claims (email, preferred_username) out of the ID token: ask UserInfo.
    if (claims[this.config.claim] === undefined && metadata.userinfo_endpoint && typeof body.access_token === 'string') {
      return { ...claims, ...(await this.userInfo(metadata.userinfo_endpoint, body.access_token, claims.sub!)), iss: claims.iss, sub: claims.sub };
    }
    return claims;
  }

  /** OpenID Connect Core §5.3.2: the UserInfo answer's `sub` must be the ID token's, or it is not about this person. */
  private async userInfo(endpoint: string, accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const response = await fetch(endpoint, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    }).catch((error: unknown) => {
      throw new OidcRefusal('unavailable', `the UserInfo request failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const info = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok || !info) throw new OidcRefusal('token', `the UserInfo endpoint answered HTTP ${response.status}`);
    if (info['sub'] !== subject) throw new OidcRefusal('token', 'the UserInfo answer is about another subject');
    return info;
  }
}
