import { CircleApi } from '../circle/api';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet } from '../circle/tokens';
import { cableUrlOf, parseCommunitySettings } from '../settings/schema';
import type { CheckPreparation } from '../wire/messages';
import { memberChannels } from './channel-params';
import { reasonOfError } from './errors';

/**
 * The part of "Check connection" that needs secrets: a token for the settings being tried,
 * confirmed by REST, and the header rule for the page's own test socket. The token never
 * leaves the background; the page only learns whether each step worked.
 */
export async function prepareCheck(
  input: unknown,
  deps: { fetch: FetchLike; setHeaders(args: { cableUrl: string; accessToken: string; origin: string }): Promise<void> },
): Promise<CheckPreparation> {
  const parsed = parseCommunitySettings(input);
  if (!parsed.ok) return { ok: false, step: 'settings', reason: { code: 'settings_incomplete', detail: parsed.problems.map((p) => p.field).join(', ') } };
  const { settings } = parsed;
  let memory: TokenSet | undefined;
  const tokens = new TokenService({
    circleUrl: settings.circleUrl,
    auth: settings.auth,
    fetch: deps.fetch,
    // A trial run must not replace the tokens the live connection uses.
    storage: { load: async () => memory, save: async (t) => void (memory = t), clear: async () => void (memory = undefined) },
  });
  const api = new CircleApi({
    circleUrl: settings.circleUrl,
    fetch: deps.fetch,
    accessToken: async () => (await tokens.current()).accessToken,
    refreshedToken: async () => (await tokens.refresh()).accessToken,
  });
  try {
    const member = await api.communityMember();
    const token = await tokens.current();
    const cableUrl = cableUrlOf(settings);
    await deps.setHeaders({ cableUrl, accessToken: token.accessToken, origin: settings.origin });
    return { ok: true, cableUrl, memberId: member.id, memberName: member.name ?? undefined, channels: memberChannels(member.id) };
  } catch (error) {
    return { ok: false, step: 'token', reason: reasonOfError(error) };
  }
}
