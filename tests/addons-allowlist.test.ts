import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowanceFor, type Allowed } from '../scripts/addons-allowlist';

const allowed: Allowed[] = JSON.parse(readFileSync('.addons-linter-allow.json', 'utf8'));

describe('addons-linter allowlist', () => {
  it('allows only the listed code in the listed files', () => {
    const preact = { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'chunks/theme-CNAHaFuO.js' };
    expect(allowanceFor(preact, allowed)?.reason).toMatch(/Preact/);
    expect(allowanceFor({ ...preact, file: 'background.js' }, allowed)).toBeUndefined();
    expect(allowanceFor({ ...preact, file: 'chunks/nested/x.js' }, allowed)).toBeUndefined();
    expect(allowanceFor({ ...preact, code: 'DANGEROUS_EVAL' }, allowed)).toBeUndefined();
  });

  it('gives every entry a reason', () => {
    expect(allowed.every((a) => a.reason.length > 20)).toBe(true);
  });
});
