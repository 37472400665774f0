// A real OpenID Connect provider for the browser tests of strong identification: panva's
// certified `oidc-provider` (package.json devDependencies), started by
// tests/browser/oidc.py on a free loopback port. It stands in for a broker of Suomi.fi
// e-Identification: the authorization code flow with PKCE required, signed ID tokens, a userinfo
// endpoint carrying the personal identity code, and RP-initiated logout.
//
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI, and
// ACCOUNTS, a JSON object from a login name (typed on the provider's own login page) to the
// claims of that test person. Prints "ready <issuer>" when it listens.
//
// Two switches make the provider misbehave, for the tests of a bad identification response:
// TOKEN_CLOCK_OFFSET_SECONDS runs the provider's clock that many seconds off while it answers at
// the token endpoint (-7200: the ID token it signs there expired an hour ago), and
// TAMPER_ID_TOKEN=1 changes the ID token's claims after signing (its signature no longer
// matches, as when the answer is altered on the way).
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

const offsetMs = Number(env.TOKEN_CLOCK_OFFSET_SECONDS || 0) * 1000;
if (offsetMs) {
  const realNow = Date.now;
  provider.use(async (ctx, next) => {
    if (ctx.path !== '/token') return next();
    Date.now = () => realNow() + offsetMs;
    try {
      return await next();
    } finally {
      Date.now = realNow;
    }
  });
}

if (env.TAMPER_ID_TOKEN === '1') {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || !ctx.body || !ctx.body.id_token) return;
    const [header, payload, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.sub = `${claims.sub}-changed`;
    const changed = Buffer.from(JSON.stringify(claims)).toString('base64url');
    ctx.body = { ...ctx.body, id_token: `${header}.${changed}.${signature}` };
  });
}

provider.listen(Number(env.PORT), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
