import { describe, expect, it } from 'vitest';
import { hostPermissionsFor } from './permissions';

describe('hostPermissionsFor', () => {
  it('asks nothing for app.circle.so, loopback or what does not parse', () => {
    expect(hostPermissionsFor({ circleUrl: 'https://app.circle.so' })).toEqual([]);
    expect(hostPermissionsFor({ circleUrl: 'http://127.0.0.1:4400', cableUrl: 'ws://localhost:4400/cable' })).toEqual([]);
    expect(hostPermissionsFor({ circleUrl: 'https://[::1]:8443' })).toEqual([]);
    expect(hostPermissionsFor({ circleUrl: 'community.example.com' })).toEqual([]);
    expect(hostPermissionsFor({})).toEqual([]);
  });

  it('asks for REST and the cable on a custom domain', () => {
    expect(hostPermissionsFor({ circleUrl: ' https://community.example.com/some/path ' })).toEqual([
      'https://community.example.com/*',
      'wss://community.example.com/*',
    ]);
  });

  it('adds a cable set apart and a token service elsewhere, once each', () => {
    expect(
      hostPermissionsFor({
        circleUrl: 'https://app.circle.so',
        cableUrl: 'wss://live.example.com/cable',
        auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example.com/circle' },
      }),
    ).toEqual(['wss://live.example.com/*', 'https://sso.example.com/*']);
    expect(hostPermissionsFor({ circleUrl: 'https://c.example.com', cableUrl: 'wss://c.example.com/cable' })).toEqual(['https://c.example.com/*', 'wss://c.example.com/*']);
  });

  it('ignores a token URL left over from another sign-in mode', () => {
    expect(hostPermissionsFor({ circleUrl: 'https://app.circle.so', auth: { mode: 'appToken', tokenUrl: 'https://sso.example.com' } })).toEqual([]);
  });
});
