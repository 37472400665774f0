// A real OpenID Connect provider for the browser tests of strong identification: panva's
// certified `oidc-provider` (package.json devDependencies), started by
// tests/browser/oidc.py on a free loopback port. It stands in for a broker of Suomi.fi
// e-Identification: the authorization code flow with PKCE required, signed ID tokens, a userinfo
// endpoint carrying the personal identity code, and RP-initiated logout.
//
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI, and
// ACCOUNTS, a JSON object from a login name (typed on the provider's own login page) to the
// claims of that test person. Prints "ready <issuer>" when it listens.
import Provider from 'oidc-provider';

const env = process.env;
const issuer = `http://127.0.0.1:${env.PORT}`;
const accounts = JSON.parse(env.ACCOUNTS);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env.CLIENT_ID,
      client_secret: env.CLIENT_SECRET,
      redirect_uris: [env.REDIRECT_URI],
      post_logout_redirect_uris: [env.POST_LOGOUT_REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // Every client must send a PKCE challenge (S256 is the only method offered).
  pkce: { required: () => true },
  // The scope `personal_identity_code` releases the claim of the same name, as Suomi.fi's
  // OpenID Connect interface does; the claim goes to the userinfo endpoint, not the ID token.
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name'],
    personal_identity_code: ['personal_identity_code'],
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['polku-test-provider-cookie-key'] },
  async findAccount(_ctx, sub) {
    const claims = accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
});

provider.listen(Number(env.PORT), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
