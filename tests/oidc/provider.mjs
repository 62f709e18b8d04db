// A real, certified OpenID provider (panva's oidc-provider) for the sign-in tests, with
// Entra-like claims: tid, oid, preferred_username, roles and groups. Started by
// tests/oidc/__init__.py on a free port of 127.0.0.1; it prints "ready" when it answers.
// Its development sign-in form takes any password: the account is the name typed.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const TENANT = '72f988bf-0000-4000-8000-000000000001';

// Who the provider knows. The portal maps the roles and groups to its own roles.
const ACCOUNTS = {
  'alex.admin': {
    oid: '00000000-0000-4000-8000-0000000000a1',
    name: 'Alex Admin', given_name: 'Alex', family_name: 'Admin',
    email: 'alex.admin@council.example', email_verified: true,
    roles: ['Partnerships.Admin'], groups: ['grp-ict'],
  },
  'kim.keeper': {
    oid: '00000000-0000-4000-8000-0000000000b2',
    name: 'Kim Keeper', given_name: 'Kim', family_name: 'Keeper',
    email: 'kim.keeper@council.example', email_verified: true,
    roles: ['Partnerships.RegisterKeeper'], groups: ['grp-corporate'],
  },
  'sam.stranger': {
    oid: '00000000-0000-4000-8000-0000000000c3',
    name: 'Sam Stranger', given_name: 'Sam', family_name: 'Stranger',
    email: 'sam.stranger@council.example', email_verified: true,
    roles: [], groups: ['grp-elsewhere'],
  },
};

const callback = /^http:\/\/(testserver|127\.0\.0\.1:\d+|localhost:\d+)\/sign-in\/council\/callback\/$/;
const afterSignOut = /^http:\/\/(testserver|127\.0\.0\.1:\d+|localhost:\d+)\/sign-in\/$/;

const client = (id) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: ['http://testserver/sign-in/council/callback/'],
  post_logout_redirect_uris: ['http://testserver/sign-in/'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
});

const provider = new Provider(issuer, {
  clients: [client('portal'), client('portal-expiring')],
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: `sub-${id}`, tid: TENANT, preferred_username: `${id}@council.example`, ...account };
      },
    };
  },
  claims: {
    openid: ['sub', 'tid', 'oid', 'roles', 'groups'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  },
  // Like Entra, put the claims in the ID token itself.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  // The "expiring" client's ID tokens live one second, so they are stale on arrival.
  ttl: { IdToken: (ctx, token, c) => (c && c.clientId === 'portal-expiring' ? 1 : 3600) },
  cookies: { keys: ['only-for-tests-a', 'only-for-tests-b'] },
});

// The portal's test servers listen on ports chosen at run time.
provider.Client.prototype.redirectUriAllowed = (uri) => callback.test(uri);
provider.Client.prototype.postLogoutRedirectUriAllowed = (uri) => afterSignOut.test(uri);

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.oidc?.client?.clientId === 'portal-expiring') {
    await new Promise((resolve) => setTimeout(resolve, 2100));
  }
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
