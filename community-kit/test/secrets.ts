import { expect } from 'vitest';
import { DEMO } from '../../simulator';
import { CLIENT_SECRET } from './harness.ts';

/** Everything secret a test has seen; none of it may ever appear in the kit's log. */
export const secrets = new Set<string>([DEMO.appToken, DEMO.email, CLIENT_SECRET, 'stranger@elsewhere.example']);

export function expectNoSecretsLogged(logs: string[]): void {
  expect(logs.length).toBeGreaterThan(0);
  const leaks = [...secrets].filter((secret) => secret.length >= 8 && logs.some((line) => line.includes(secret)));
  // Only a prefix of what leaked, so a failing run does not print the secret either.
  expect(leaks.map((secret) => `${secret.slice(0, 3)}…`)).toEqual([]);
}
