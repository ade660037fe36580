// @vitest-environment node
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { CircleApi } from './api';
import { CircleError, type CircleErrorReason } from './errors';
import { requestJson } from './http';

/** Circle's OpenAPI files; the one place this test says where they are. */
const SPEC_DIR = new URL('../../tests/contract/spec/', import.meta.url);

/** Every call the extension makes, by spec file. */
const CALLS = {
  'headless-auth-v1.yaml': [
    ['post', '/api/v1/headless/auth_token'],
    ['patch', '/api/v1/headless/access_token/refresh'],
    ['post', '/api/v1/headless/access_token/revoke'],
    ['post', '/api/v1/headless/refresh_token/revoke'],
  ],
  'headless-client-v1.yaml': [
    ['get', '/api/headless/v1/community_member'],
    ['get', '/api/headless/v1/messages'],
    ['get', '/api/headless/v1/messages/{uuid}'],
    ['get', '/api/headless/v1/messages/{chat_room_uuid}/chat_room_messages'],
    ['post', '/api/headless/v1/messages/{uuid}/mark_all_as_read'],
    ['get', '/api/headless/v1/notifications'],
    ['get', '/api/headless/v1/notifications/new_notifications_count'],
    ['post', '/api/headless/v1/notifications/reset_new_notifications_count'],
    ['post', '/api/headless/v1/notifications/{id}/mark_as_read'],
  ],
} as const;

/** What each of Circle's error answers means to the extension: a new example fails the test until it is placed here. */
const EXPECTED: Record<string, CircleErrorReason> = {
  '401 The access token is invalid.': 'unauthorized',
  '401 The access token is expired.': 'unauthorized',
  '401 The access token not found.': 'unauthorized',
  '401 Community associated with the access token not found.': 'unauthorized',
  '401 Community member associated with the access token not found.': 'unauthorized',
  '401 Your account could not be authenticated.': 'unauthorized',
  '401 The refresh token is expired. Please generate/get new auth token.': 'unauthorized',
  '401 Community does not eligible for headless API access.': 'not_eligible',
  "403 Your community isn't eligible for headless API access. Please upgrade or contact support": 'not_eligible',
  '404 Community member not found. Please provide a valid SSO User ID, community member ID, or email.': 'not_found',
  '404 Refresh token not found.': 'not_found',
  '404 Oops! Missing parameter. Please try again later.': 'not_found',
  '404 Invalid refresh token.': 'not_found',
  '422 There was an error creating the token. Please contact support.': 'rejected',
  '422 The access token generation failed. Please contact support.': 'rejected',
  '422 The access token is invalid.': 'rejected',
  '422 The access token is expired.': 'rejected',
  '422 The access token not found.': 'rejected',
  '422 Community associated with the access token not found.': 'rejected',
  '422 Community member associated with the access token not found.': 'rejected',
  '422 Failed to revoke the refresh token.': 'rejected',
};

interface Example {
  where: string;
  status: number;
  body: { message: string };
}

type Operation = { responses: Record<string, { content?: { 'application/json'?: { examples?: Record<string, { value?: { message?: string } }> } } }> };

function errorExamples(): Example[] {
  const out: Example[] = [];
  for (const [file, calls] of Object.entries(CALLS)) {
    const spec = load(readFileSync(new URL(file, SPEC_DIR), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
    for (const [method, path] of calls) {
      const operation = spec.paths[path]?.[method];
      if (!operation) throw new Error(`${file} has no ${method} ${path}`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
          if (typeof example.value?.message !== 'string') throw new Error(`${method} ${path} ${status} ${name} has no message`);
          out.push({ where: `${method} ${path} ${status} ${name}`, status: Number(status), body: example.value as { message: string } });
        }
      }
    }
  }
  return out;
}

const examples = errorExamples();

describe("Circle's error examples", () => {
  it('are all read, from both files', () => {
    expect(examples.length).toBeGreaterThan(80);
    // Every line of the table stands for an example still in the files.
    expect(new Set(examples.map((e) => `${e.status} ${e.body.message}`))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(examples)('$where', async ({ status, body }) => {
    const expected = EXPECTED[`${status} ${body.message}`];
    expect(expected, 'an example not in the table').toBeDefined();
    const answer = async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const error = await requestJson(answer, 'https://app.circle.so/api/x').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CircleError);
    expect((error as CircleError).reason).toBe(expected);
    expect((error as CircleError).status).toBe(status);
  });
});

describe('a community without Headless access', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, communityEligible: false });
  });
  afterAll(() => sim.stop());

  it('is told by the member API once, without a token refresh and a retry', async () => {
    const paths: string[] = [];
    let refreshes = 0;
    const pair = sim.issueTokens(DEMO.memberId);
    const api = new CircleApi({
      circleUrl: sim.url,
      fetch: (input, init) => {
        paths.push(new URL(input).pathname);
        return fetch(input, init);
      },
      accessToken: async () => pair.access_token,
      refreshedToken: async () => {
        refreshes += 1;
        return pair.access_token;
      },
    });
    const error = await api.communityMember().then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ reason: 'not_eligible', status: 401 });
    expect(refreshes).toBe(0);
    expect(paths).toEqual(['/api/headless/v1/community_member']);
  });
});
