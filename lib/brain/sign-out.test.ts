// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenSet } from '../circle/tokens';
import { openDatabase, STORES, type Database } from '../store/db';
import { Store } from '../store/store';
import { message, room } from '../store/testing';
import { communitiesUnder, forgetCache, forgetCommunityCache, forgetKeptTokens, revokeKept } from './sign-out';
import { FakeBrowser } from './testing';

let browser = new FakeBrowser();
const reachable = new Set<string>();

const A = 'https://a.example/7';
/** Sorts right after A as a string: a range that only looked at prefixes would take it too. */
const A_LONGER = 'https://a.example/70';
const B = 'https://b.example/7';

async function seeded(): Promise<{ db: Database; store: Store }> {
  const db = await openDatabase(`sign-out-${Math.random()}`);
  const store = new Store(db);
  for (const community of [A, A_LONGER, B]) {
    await store.apply(community, 7, [
      { type: 'roomSnapshot', room: { ...room('r1'), community }, at: 1 },
      { type: 'messageSnapshot', message: { ...message(1, 'r1'), community }, at: 1 },
      { type: 'countSnapshot', count: 3, at: 1 },
    ]);
    await store.setMark(community, 'signedInAt', 1);
  }
  return { db, store };
}

async function communitiesIn(db: Database): Promise<string[]> {
  const seen = new Set<string>();
  for (const name of STORES) for (const key of await db.getAllKeys(name)) seen.add((key as unknown as [string])[0]);
  return [...seen].sort();
}

describe('forgetCache', () => {
  it('keeps exactly the communities named, in every store', async () => {
    const { db } = await seeded();
    await forgetCache(db, [A]);
    expect(await communitiesIn(db)).toEqual([A]);
    expect(await db.count('pages')).toBe(1);
    expect(await db.count('marks')).toBe(1);
    const two = await seeded();
    await forgetCache(two.db, [B, A]);
    expect(await communitiesIn(two.db)).toEqual([A, B]);
  });

  it('finds the communities cached on one Circle', async () => {
    const { db } = await seeded();
    expect((await communitiesUnder(db, 'https://a.example')).sort()).toEqual([A, A_LONGER]);
    expect(await communitiesUnder(db, 'https://c.example')).toEqual([]);
  });

  it('forgets one community and leaves the others, even one whose name starts the same', async () => {
    const { db } = await seeded();
    await forgetCommunityCache(db, A);
    expect(await communitiesIn(db)).toEqual([A_LONGER, B]);
  });

  it('forgets every community at sign-out', async () => {
    const { db } = await seeded();
    await forgetCache(db);
    expect(await communitiesIn(db)).toEqual([]);
  });
});

describe('forgetting token sets', () => {
  const set = (token: string): TokenSet => ({ accessToken: token, refreshToken: `${token}-refresh`, accessTokenExpiresAt: Date.now() + 60_000, seed: 's' });
  beforeEach(() => {
    browser = new FakeBrowser();
    browser.reachable = (url) => reachable.has(new URL(url).origin);
    reachable.clear();
  });

  it('revokes each set at its own Circle where it can reach it, and counts the rest', async () => {
    reachable.add('https://b.example');
    const calls: string[] = [];
    const fetch = vi.fn(async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response(null, { status: 204 });
    });
    const warn = vi.fn();
    const sets = [{ circleUrl: 'https://b.example', set: set('b') }, { circleUrl: 'https://c.example', set: set('c') }];
    expect(await revokeKept(sets, { port: browser.port, fetch, logger: { warn } })).toEqual({ unrevoked: 1 });
    expect(calls.sort()).toEqual(['https://b.example/api/v1/headless/access_token/revoke', 'https://b.example/api/v1/headless/refresh_token/revoke']);
    // Said, without a token in the line.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/c-refresh|"c"/);
  });

  it('removes the pair even when Circle does not answer the revocation', async () => {
    browser.kept = { circleUrl: 'https://b.example', set: set('b') };
    reachable.add('https://b.example');
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await forgetKeptTokens({ port: browser.port, fetch, logger: {} })).toEqual({ unrevoked: 0 });
    expect(browser.kept).toBeUndefined();
  });
});
