import { authSchema, type SettingsInput } from './schema';

type Partial1<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };
export type StoredSettings = Partial1<SettingsInput> & Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Managed (policy) fields win field by field over the member's own. Inside `auth` they merge
 * field by field only while both name the same sign-in mode; a policy that picks another mode
 * replaces the member's sign-in entirely, so no field of one mode leaks into another.
 */
export function mergeSettings(managed: unknown, local: unknown): StoredSettings {
  const m = isObject(managed) ? managed : {};
  const l = isObject(local) ? local : {};
  const merged: StoredSettings = { ...l, ...m };
  if (isObject(m.auth) && isObject(l.auth)) {
    merged.auth = m.auth.mode === undefined || m.auth.mode === l.auth.mode ? { ...l.auth, ...m.auth } : m.auth;
  }
  return merged;
}

/** Which fields a policy fixes, as dotted paths, so the options page can lock them. */
export function managedFields(managed: unknown): Set<string> {
  const fields = new Set<string>();
  if (!isObject(managed)) return fields;
  for (const [key, value] of Object.entries(managed)) {
    if (key === 'auth' && isObject(value)) {
      fields.add('auth');
      for (const inner of Object.keys(value)) fields.add(`auth.${inner}`);
    } else {
      fields.add(key);
    }
  }
  return fields;
}

/**
 * Whether the policy alone is a whole sign-in. Signing out then cannot end anything: the policy
 * signs the member in again at once, so the options page offers no Sign out.
 */
export function policySignsIn(managed: unknown): boolean {
  return isObject(managed) && authSchema.safeParse(managed.auth).success;
}
