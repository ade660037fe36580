import { CircleApi } from '../circle/api';
import { CircleError } from '../circle/errors';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet } from '../circle/tokens';
import type { ChannelParams } from '../cable';
import { cableUrlOf, parseSettings } from '../settings/schema';
import { memberChannels } from './channels';

/** The steps of "Test connection", in the order they can fail. */
export type TestStep = 'settings' | 'token' | 'handshake' | 'welcome' | 'subscription';

export type TestPreparation =
  | { ok: true; cableUrl: string; memberId: number; memberName?: string; channels: ChannelParams[] }
  | { ok: false; step: TestStep; message: string; notEligible?: boolean };

/**
 * The part of "Test connection" that needs secrets: a token for the settings being tried,
 * confirmed by REST, and the header rule for the page's own test socket. The token never
 * leaves the background; the page only learns whether each step worked.
 */
export async function prepareTest(
  input: unknown,
  deps: { fetch: FetchLike; setHeaders(args: { cableUrl: string; accessToken: string; origin: string }): Promise<void> },
): Promise<TestPreparation> {
  const parsed = parseSettings(input);
  if (!parsed.ok) return { ok: false, step: 'settings', message: parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ') };
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
    const notEligible = error instanceof CircleError && error.reason === 'not_eligible';
    return { ok: false, step: 'token', message: error instanceof Error ? error.message : String(error), notEligible };
  }
}
