// @ts-check
// GET /settings and GET /health, as GoTrue answers them: which sign-in methods are on, and that the service is up.
/** @param {import('../index.js').Rq} rq */
export async function getSettings(rq) {
  const s = rq.deps.settings;
  const external = Object.fromEntries(
    [
      'anonymous_users',
      'apple',
      'azure',
      'bitbucket',
      'discord',
      'email',
      'facebook',
      'figma',
      'github',
      'gitlab',
      'google',
      'keycloak',
      'kakao',
      'linkedin_oidc',
      'notion',
      'phone',
      'slack_oidc',
      'spotify',
      'twitch',
      'twitter',
      'workos',
      'zoom',
    ].map((k) => [k, k === 'phone' && s.phoneEnabled]),
  );
  return {
    status: 200,
    body: {
      external,
      disable_signup: !s.signupEnabled,
      mailer_autoconfirm: false,
      phone_autoconfirm: false,
      sms_provider: s.sendSmsHook.enabled ? 'hook' : 'dev-log',
      saml_enabled: false,
    },
  };
}

/** @param {import('../index.js').Rq} _rq */
export async function getHealth(_rq) {
  return {
    status: 200,
    body: {
      version: 'v-tax-standin',
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    },
  };
}
