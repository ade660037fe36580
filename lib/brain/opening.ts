import type { Logger } from '../cable';
import { CircleApi } from '../circle/api';
import type { FetchLike } from '../circle/http';
import { TokenService, type KeptTokens, type TokenStorage } from '../circle/tokens';
import type { Preferences } from '../settings/preferences';
import type { CommunitySettings } from '../settings/schema';
import type { Change } from '../store/change';
import { Store, type Announced } from '../store/store';
import { catchUp, type CatchUpDeps } from './catch-up';
import { Live } from './live';
import type { BrowserPort } from './port';
import { Membership, type Session, type SignedIn } from './session';
import { revokingReplaced } from './sign-out';

interface OpeningDeps {
  port: BrowserPort;
  fetch: FetchLike;
  logger: Logger;
}

/** The part of a session the settings alone give: tokens and the REST client. */
export function openSession(settings: CommunitySettings, preferences: Preferences, deps: OpeningDeps & { isCurrent(): boolean; kept?: Promise<KeptTokens | undefined> }): Session {
  const kept = revokingReplaced(deps.port.tokens, settings.circleUrl, deps, deps.kept);
  // A replaced session's late token write would bring back what a switch or sign-out removed.
  const storage: TokenStorage = { ...kept, save: async (set) => (deps.isCurrent() ? kept.save(set) : undefined) };
  const tokens = new TokenService({ circleUrl: settings.circleUrl, auth: settings.auth, storage, fetch: deps.fetch });
  const api = new CircleApi({
    circleUrl: settings.circleUrl,
    fetch: deps.fetch,
    accessToken: async () => (await tokens.current()).accessToken,
    refreshedToken: async () => (await tokens.refresh()).accessToken,
  });
  return { settings, preferences, tokens, api };
}

/** Circle named the member: the cache and the live feed, built together and joined to the session. */
export function openMembership(
  s: Session,
  member: { id: number; name?: string },
  deps: OpeningDeps & {
    onChange(change: Change, announced: Announced): void;
    syncing: CatchUpDeps;
    rejected(kind: string, message: unknown): void;
  },
): SignedIn {
  const { settings } = s;
  const community = `${new URL(settings.circleUrl).origin}/${member.id}`;
  const store = new Store(deps.port.database, { messagesPerRoom: settings.keepMessagesPerRoom, notifications: settings.keepNotifications }, deps.port.storeFaults);
  const live = new Live({
    community,
    memberId: member.id,
    store,
    api: s.api,
    logger: deps.logger,
    onChange: deps.onChange,
    onResync: () => void catchUp(signedIn, deps.syncing),
    onRejected: deps.rejected,
  });
  const signedIn: SignedIn = Object.assign(s, { member: new Membership(member.id, community, store, live, member.name) });
  return signedIn;
}
