import type { Logger } from '../cable';
import { CircleError } from '../circle/errors';
import type { TokenSet } from '../circle/tokens';
import { markedCableUrl } from '../settings/schema';
import type { Reason } from '../wire/reasons';
import { describeError, reasonOfError } from './errors';
import type { BrowserPort } from './port';
import type { Publisher } from './publish';
import type { Session } from './session';
import type { CommunityHost } from './port';
import type { ConnectionPhase } from '../wire/status';

export const ALARM_TOKEN_REFRESH = 'token-refresh';
/** The status reason of a community Circle does not serve; the views word it from the locale. */
export const NOT_ELIGIBLE = 'not_eligible' as const;

/** Refusals no retry can change: the member, the community or the app token has to. */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(['forbidden', 'not_eligible']);

/**
 * A session's tokens and what follows them: the handshake rule carries the access token, an
 * alarm refreshes it before it expires, and a token Circle will not give stops the session.
 */
export class Auth {
  constructor(private readonly deps: { port: BrowserPort; publisher: Publisher; logger: Logger; host: CommunityHost; current(): Session | undefined }) {}

  /**
   * The token alone, leaving the rule and the alarm as they are: a woken worker needs the
   * member to store its batch, and both outlive the worker anyway.
   */
  current(s: Session): Promise<TokenSet | undefined> {
    return this.attempt(s, () => s.tokens.current());
  }

  /** Runs a token step and puts the token in place; one that cannot be had stops the session with the reason. */
  withTokens(s: Session, step: () => Promise<TokenSet>): Promise<TokenSet | undefined> {
    return this.attempt(s, async () => {
      const token = await step();
      await this.apply(s, token);
      return token;
    });
  }

  /** After the cable was told `unauthorized`: false once Circle says the member is signed out. */
  async refresh(s: Session): Promise<boolean> {
    try {
      await this.apply(s, await s.tokens.refresh());
      return true;
    } catch (error) {
      if (await this.stopIfNotEligible(s, error)) return false;
      if (error instanceof CircleError && (error.reason === 'signed_out' || REFUSED_FOR_GOOD.has(error.reason))) {
        await this.halt(s, error.reason === 'signed_out' ? 'signed-out' : 'error', reasonOfError(error));
        return false;
      }
      // Not the member's fault (network, Circle down): the cable backs off and asks again.
      throw error;
    }
  }

  /** REST confirms the member the token names, but the live feed never waits for it. */
  async confirmMember(s: Session): Promise<{ id: number; name?: string } | undefined> {
    try {
      const member = await s.api.communityMember();
      const name = member.name ?? undefined;
      if (s.member) s.member.name = name;
      if (s.member && member.id !== s.member.id) this.deps.logger.warn?.('the token and Circle disagree about the member', { token: s.member.id, circle: member.id });
      return { id: member.id, name };
    } catch (error) {
      if (!(await this.stopIfNotEligible(s, error))) this.deps.logger.warn?.('could not confirm the member over REST', { error: describeError(error) });
      return undefined;
    }
  }

  /** The connection cannot go on by itself; a signed-out member's token is not refreshed either. */
  async halt(s: Session, phase: ConnectionPhase, reason: Reason): Promise<void> {
    s.stopped = { phase, reason };
    if ((phase === 'signed-out' || reason.code === NOT_ELIGIBLE) && this.deps.current() === s) await this.deps.port.alarms.clear(ALARM_TOKEN_REFRESH);
    await this.deps.publisher.publish(s);
  }

  /**
   * Circle's "not eligible" is final: no token, refresh or retry can change it, so the session
   * stops, the socket closes, and nothing more is asked of Circle until the member acts.
   */
  async stopIfNotEligible(s: Session, error: unknown): Promise<boolean> {
    if (!(error instanceof CircleError) || error.reason !== 'not_eligible') return false;
    if (s.stopped?.reason.code === NOT_ELIGIBLE) return true;
    this.deps.logger.warn?.('Circle says this community has no Headless API access');
    if (this.deps.current() === s) await this.deps.host.configure(null);
    await this.halt(s, 'error', { code: NOT_ELIGIBLE });
    return true;
  }

  private async attempt(s: Session, step: () => Promise<TokenSet>): Promise<TokenSet | undefined> {
    try {
      return await step();
    } catch (error) {
      if (await this.stopIfNotEligible(s, error)) return undefined;
      if (error instanceof CircleError && error.reason === 'signed_out') await this.halt(s, 'signed-out', reasonOfError(error));
      else if (error instanceof CircleError && REFUSED_FOR_GOOD.has(error.reason)) await this.halt(s, 'error', reasonOfError(error));
      else await this.deps.publisher.publish(s, { phase: 'offline', reason: reasonOfError(error) });
      return undefined;
    }
  }

  /** A replaced session's token may be revoked already: it puts neither the rule nor the alarm back. */
  private async apply(s: Session, token: TokenSet): Promise<void> {
    const current = () => this.deps.current() === s;
    if (s.ruleToken !== token.accessToken) {
      await this.deps.port.headerRule.set({ cableUrl: markedCableUrl(s.settings), accessToken: token.accessToken, origin: s.settings.origin }, current);
      s.ruleToken = token.accessToken;
    }
    const due = await s.tokens.refreshDueAt();
    if (due !== undefined && current()) await this.deps.port.alarms.create(ALARM_TOKEN_REFRESH, Math.max(Date.now() + 1_000, due));
  }
}
