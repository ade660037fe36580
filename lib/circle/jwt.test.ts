// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readAccessToken } from './jwt';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: object) => `${encode({ alg: 'HS256' })}.${encode(claims)}.signature`;

describe('readAccessToken', () => {
  it('reads the member, the community and the expiry', () => {
    expect(readAccessToken(token({ community_member_id: 42, community_id: 7, exp: 1_800_000_000 }))).toEqual({
      communityMemberId: 42,
      communityId: 7,
      expiresAt: 1_800_000_000_000,
    });
  });

  it('accepts numeric strings and ignores nonsense', () => {
    expect(readAccessToken(token({ community_member_id: '42', exp: 'soon' }))).toEqual({ communityMemberId: 42, communityId: undefined, expiresAt: undefined });
    expect(readAccessToken(token({ community_member_id: -1 })).communityMemberId).toBeUndefined();
  });

  it('never throws on a token that is not a JWT', () => {
    expect(readAccessToken('opaque')).toEqual({});
    expect(readAccessToken('a.%%%.c')).toEqual({});
    expect(readAccessToken(`a.${encode([1, 2])}.c`)).toEqual({ communityMemberId: undefined, communityId: undefined, expiresAt: undefined });
  });

  it('reads non-ASCII payloads', () => {
    expect(readAccessToken(token({ community_member_id: 3, name: 'Zoë' })).communityMemberId).toBe(3);
  });
});
