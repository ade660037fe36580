/**
 * Live demo traffic: other members keep talking in the demo user's rooms, and now and then
 * something earns the demo user a notification. Off unless asked for.
 */
import type { CommunityActions } from './actions';
import type { Community } from './model';
import type { NotificationKindName } from './notification-kinds';
import { NOTIFICATION_KINDS } from './notification-kinds';
import type { Prng } from './prng';
import { createPrng } from './prng';
import { DEMO } from './seed';
import { CHAT_LINES, DM_LINES, POST_TITLES, REPLY_LINES, SPACES } from './seed-text';

const REPLY_SHARE = 0.25;
const NOTIFICATION_SHARE = 0.15;

export class Activity {
  private timer: NodeJS.Timeout | undefined;
  private rate = 0;
  private readonly rng: Prng;

  constructor(
    private readonly community: Community,
    private readonly actions: CommunityActions,
    seed: number,
  ) {
    this.rng = createPrng(seed ^ 0x5eed);
  }

  get perMinute(): number {
    return this.rate;
  }

  set(perMinute: number): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.rate = Math.max(0, perMinute);
    if (this.rate === 0) return;
    this.timer = setInterval(() => this.tick(), 60_000 / this.rate);
    this.timer.unref();
  }

  tick(): void {
    const rooms = this.community.roomsOf(DEMO.memberId);
    if (rooms.length === 0) return;
    const room = this.rng.pick(rooms);
    const others = room.participants.map((p) => p.memberId).filter((id) => id !== DEMO.memberId);
    if (others.length === 0) return;
    const senderId = this.rng.pick(others);
    const recent = this.community.timeline(room).slice(-10);
    const replyTo = room.kind === 'group_chat' && recent.length > 0 && this.rng.chance(REPLY_SHARE) ? this.rng.pick(recent) : undefined;
    const lines = replyTo ? REPLY_LINES : room.kind === 'direct' ? DM_LINES : CHAT_LINES;
    this.actions.sendMessage({ room, senderId, body: this.rng.pick(lines), parentId: replyTo?.id ?? null });
    if (!this.rng.chance(NOTIFICATION_SHARE)) return;
    const actor = this.community.members.get(senderId);
    if (!actor) return;
    const kind = this.rng.pick(Object.keys(NOTIFICATION_KINDS) as NotificationKindName[]);
    this.actions.addNotification(DEMO.memberId, {
      kind,
      actor,
      title: this.rng.pick(POST_TITLES),
      space: this.rng.pick(SPACES),
      notifiableId: 500_000 + this.rng.int(1, 99_999),
      createdAt: new Date(),
    });
  }

  stop(): void {
    this.set(0);
  }
}
