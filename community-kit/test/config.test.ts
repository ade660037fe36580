import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const env = {
  PUBLIC_URL: 'https://circle-live.community.example/',
  CIRCLE_URL: 'https://app.circle.so',
  CIRCLE_APP_TOKEN: 'app-token-secret-1234',
  CIRCLE_ORIGIN: 'https://community.example',
  COMMUNITY_NAME: 'Northwind Makers',
  OIDC_ISSUER: 'https://login.community.example',
  OIDC_CLIENT_ID: 'circle-live',
  OIDC_CLIENT_SECRET: 'client-secret-5678',
  ALLOWED_REDIRECT_URIS: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/*',
};

describe('loadConfig', () => {
  it('derives the cable URL, the endpoints and the extension origins', () => {
    const config = loadConfig(env);
    expect(config.discovery).toMatchObject({ cableUrl: 'wss://app.circle.so/cable', tokenUrl: 'https://circle-live.community.example/token' });
    expect(config.extensionOrigins).toEqual(['chrome-extension://abcdefghijklmnopabcdefghijklmnop']);
    expect(config).toMatchObject({ codeTtlSeconds: 60, trustProxy: false, lookup: { by: 'email' } });
  });

  it('names what is wrong and never prints a value', () => {
    const attempt = () => loadConfig({ ...env, OIDC_ISSUER: 'not a url', CIRCLE_APP_TOKEN: '' });
    expect(attempt).toThrow(/OIDC_ISSUER, CIRCLE_APP_TOKEN|CIRCLE_APP_TOKEN, OIDC_ISSUER/);
    expect(() => loadConfig({ ...env, CIRCLE_URL: 'http://circle.example' })).toThrow(/discovery document would be invalid \(circleUrl, cableUrl\)/);
    let message = '';
    try {
      loadConfig({ ...env, CIRCLE_ORIGIN: 'https://community.example/path' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('origin');
    expect(message).not.toContain(env.CIRCLE_APP_TOKEN);
    expect(message).not.toContain(env.OIDC_CLIENT_SECRET);
  });
});
