import type { z } from 'zod';
import { asCommunityList, authSchema, communityKey, type communitySchema } from './schema';

type Partial1<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };
/** One community as stored: any field may be missing until the member fills it in. */
export type StoredCommunity = Partial1<z.input<typeof communitySchema>> & Record<string, unknown>;
/** The settings as stored (always the list form here), before validation. */
export type StoredSettings = { communities?: StoredCommunity[]; keepMessagesPerRoom?: number; keepNotifications?: number } & Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Either shape, as the list form; anything unreadable as none. */
export function storedSettingsOf(value: unknown): StoredSettings {
  const listed = asCommunityList(value);
  if (!isObject(listed)) return {};
  const communities = Array.isArray(listed.communities) ? listed.communities.filter(isObject) : undefined;
  return { ...listed, ...(communities ? { communities } : {}) } as StoredSettings;
}

function originOf(community: StoredCommunity): string | undefined {
  return typeof community.origin === 'string' && community.origin.trim() ? communityKey(community.origin) : undefined;
}

/**
 * One community's managed fields win field by field over the member's own. Inside `auth` they
 * merge field by field only while both name the same sign-in mode; a policy that picks another
 * mode replaces the member's sign-in entirely, so no field of one mode leaks into another.
 */
function mergeCommunity(m: StoredCommunity, l: StoredCommunity): StoredCommunity {
  const merged: StoredCommunity = { ...l, ...m };
  if (isObject(m.auth) && isObject(l.auth)) {
    merged.auth = m.auth.mode === undefined || m.auth.mode === l.auth.mode ? { ...l.auth, ...m.auth } : m.auth;
  }
  return merged;
}

/**
 * The policy's communities and the member's, as one list. A policy community is merged with
 * the member's entry for the same origin (or, when it names none, with the first the member
 * has that no other policy entry took): that is how a member signs in to a community the policy
 * only points at. The member's order holds; policy communities they have no entry for come first.
 */
function mergeLists(managed: StoredCommunity[], local: StoredCommunity[], bothFirstShape: boolean): { communities: StoredCommunity[]; fromPolicy: Map<number, StoredCommunity> } {
  const taken = new Set<number>();
  const matchOf = managed.map((m) => {
    // Both in the first released shape: one community each, and the policy's fields win over the member's, origin too.
    if (bothFirstShape && managed.length === 1 && local.length === 1) return taken.add(0), 0;
    const origin = originOf(m);
    let index = local.findIndex((l, i) => !taken.has(i) && origin !== undefined && originOf(l) === origin);
    if (index < 0) index = local.findIndex((l, i) => !taken.has(i) && (origin === undefined || originOf(l) === undefined) && !managed.some((other) => other !== m && originOf(other) !== undefined && originOf(other) === originOf(l)));
    if (index >= 0) taken.add(index);
    return index;
  });
  const communities: StoredCommunity[] = [];
  const fromPolicy = new Map<number, StoredCommunity>();
  managed.forEach((m, i) => {
    if (matchOf[i]! >= 0) return;
    fromPolicy.set(communities.length, m);
    communities.push(m);
  });
  local.forEach((l, i) => {
    const m = managed[matchOf.indexOf(i)];
    if (m) fromPolicy.set(communities.length, m);
    communities.push(m ? mergeCommunity(m, l) : l);
  });
  return { communities, fromPolicy };
}

export interface MergedSettings {
  stored: StoredSettings;
  /** Dotted field paths fixed by policy: `keepNotifications`, `communities.1.auth.mode`, `communities.1` for a whole one. */
  locked: Set<string>;
  /** Keys of the communities the policy alone signs in to: signing out there cannot end anything. */
  signInByPolicy: Set<string>;
}

/** The policy (`storage.managed`) over the member's own settings (`storage.local`), in either shape. */
export function mergeSettings(managed: unknown, local: unknown): MergedSettings {
  const m = storedSettingsOf(managed);
  const l = storedSettingsOf(local);
  const { communities: _m, ...mRest } = m;
  const { communities: _l, ...lRest } = l;
  const firstShape = (value: unknown) => !isObject(value) || !('communities' in value);
  const { communities, fromPolicy } = mergeLists(m.communities ?? [], l.communities ?? [], firstShape(managed) && firstShape(local));
  const stored: StoredSettings = { ...lRest, ...mRest, ...(communities.length || m.communities || l.communities ? { communities } : {}) };
  const locked = new Set(Object.keys(mRest));
  const signInByPolicy = new Set<string>();
  for (const [index, policy] of fromPolicy) {
    locked.add(`communities.${index}`);
    for (const [key, value] of Object.entries(policy)) {
      locked.add(`communities.${index}.${key}`);
      if (key === 'auth' && isObject(value)) for (const inner of Object.keys(value)) locked.add(`communities.${index}.auth.${inner}`);
    }
    const origin = communities[index]?.origin;
    if (authSchema.safeParse(policy.auth).success && typeof origin === 'string') signInByPolicy.add(communityKey(origin));
  }
  return { stored, locked, signInByPolicy };
}
