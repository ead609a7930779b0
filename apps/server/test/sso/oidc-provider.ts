/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 for the sign-in tests. Its login and consent
 * prompts are answered programmatically for the account the test chose (`idp.signInAs`), as a person at the
 * provider's own pages would answer them; everything else — discovery, authorization, PKCE, the token endpoint,
 * signed ID tokens, UserInfo — is the package's own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Account {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
}

export interface TestProvider {
  issuer: string;
  provider: Provider;
  accounts: Map<string, Account>;
  /** The subject the next login prompt is answered with. */
  signInAs(subject: string): void;
  close(): Promise<void>;
}

export async function startProvider(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestProvider> {
  const accounts = new Map<string, Account>();
  let current = '';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['henji-test-provider-cookie-key'] },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: client.clientId });
      grant.addOIDCScope(String(details.params['scope']));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer,
    provider,
    accounts,
    signInAs: (subject) => {
      current = subject;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
