import { browser } from '../../lib/platform/native-browser';
import { communityKey } from '../../lib/settings/key';
import { httpUrl } from '../../lib/ui/safe-url';

/** Origins in raw settings: the list, or the first released single community. Not validated: the background did that. */
function originsOf(settings: unknown): string[] {
  if (typeof settings !== 'object' || settings === null) return [];
  const { communities } = settings as { communities?: unknown };
  const list = Array.isArray(communities) ? (communities as unknown[]) : [settings];
  return list.map((c) => (typeof c === 'object' && c !== null ? (c as { origin?: unknown }).origin : undefined)).filter((o): o is string => typeof o === 'string');
}

/** The community's whitelisted Origin, in our model its web address: policy and member settings merge by origin, so either names it. */
export async function originOf(key: string): Promise<string | undefined> {
  const managed = browser.storage.managed.get('settings').catch(() => ({}) as Record<string, unknown>);
  const [policy, local] = await Promise.all([managed, browser.storage.local.get('settings')]);
  const origin = [...originsOf(policy.settings), ...originsOf(local.settings)].find((o) => communityKey(o) === key);
  return origin === undefined ? undefined : httpUrl(origin);
}
