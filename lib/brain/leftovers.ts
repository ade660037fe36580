import type { Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import type { CommunityEntry } from '../settings/schema';
import { ALARM_TOKEN_REFRESH } from './auth';
import { alarmFor } from './community-port';
import { ALARM_WAITING } from './live-rooms';
import { describeError } from './errors';
import type { SharedPort } from './shared-port';
import { revokeKept } from './sign-out';

/**
 * An older version kept one token set per Circle origin; each becomes the first community on
 * that Circle that has none of its own yet, before that community boots and seeds tokens afresh.
 */
export async function adoptOlderTokens(port: Pick<SharedPort, 'tokens'>, communities: readonly CommunityEntry[], listed = port.tokens.list()): Promise<void> {
  const kept = await listed;
  const have = new Set(kept.map((k) => k.id));
  for (const { id } of kept.filter((k) => k.id.includes('://'))) {
    const heir = communities.find((c) => !have.has(c.key) && new URL(c.circleUrl).origin === id);
    if (!heir) continue;
    await port.tokens.adopt(id, heir.key);
    have.add(heir.key);
  }
}

/**
 * What no community in the settings owns goes: token sets (revoked where reachable), header
 * rules, alarms (but `alarms`, the extension's own).
 */
export async function tidy(keys: readonly string[], alarms: readonly string[], deps: { port: SharedPort; fetch: FetchLike; logger: Logger }): Promise<void> {
  const { port } = deps;
  try {
    const orphans = (await port.tokens.list()).filter(({ id }) => !keys.includes(id));
    if (orphans.length) {
      await port.tokens.forget(orphans.map((o) => o.id));
      await revokeKept(orphans.map((o) => o.kept), deps);
    }
    await port.headerRule.keepOnly(keys);
    const wanted = new Set([...alarms, ...keys.flatMap((key) => [alarmFor(key, ALARM_TOKEN_REFRESH), alarmFor(key, ALARM_WAITING)])]);
    await Promise.all((await port.alarms.names()).filter((name) => !wanted.has(name)).map((name) => port.alarms.clear(name)));
  } catch (error) {
    deps.logger.warn?.('could not tidy what removed communities left', { error: describeError(error) });
  }
}
