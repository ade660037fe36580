/**
 * The simulator's remote control, in-process: everything `/_sim/*` does, callable from a test
 * without HTTP. control-routes.ts only parses requests and calls these.
 */
import type { NotificationOverrides } from './actions';
import { revokeAccessToken } from './auth';
import type { Activity } from './activity';
import type { RefusedHandshake } from './cable';
import type { ConnectionInfo } from './cable-connection';
import type { ConfigPatch } from './config';
import { applyConfigPatch, publicConfig } from './config';
import type { SimContext } from './context';
import type { EnvelopeVariant } from './envelope';
import { notFound } from './errors';
import type { Member, Room, RoomKind } from './model';
import type { NotificationKindName } from './notification-kinds';
import type { MessageRecord, NotificationRecord, RoomRecord } from './records';
import { DEMO } from './seed';
import type { Lifetimes, TokenPair } from './tokens';

export interface PostMessage {
  chatRoomUuid: string;
  senderMemberId: number;
  body: string;
  parentMessageId?: number | null;
  /** Now, unless told otherwise. */
  sentAt?: Date;
}

export interface NotifySpec {
  kind?: NotificationKindName;
  actorMemberId?: number;
  title?: string;
  space?: string;
  notifiableId?: number;
  overrides?: NotificationOverrides;
}

export interface CreateRoom {
  kind: RoomKind;
  memberIds: number[];
  name?: string;
  description?: string;
  showHistory?: boolean;
  announce?: boolean;
}

export class Control {
  constructor(
    private readonly ctx: SimContext,
    private readonly activity: Activity,
  ) {}

  broadcast(stream: string, payload: unknown): number {
    return this.ctx.cable.broadcast(stream, payload);
  }

  restart(): number {
    return this.ctx.cable.restart();
  }

  kill(ms: number): number {
    return this.ctx.cable.kill(ms);
  }

  halfOpen(ms: number, memberId?: number): number {
    return this.ctx.cable.halfOpen(memberId, ms);
  }

  disconnect(memberId: number): number {
    return this.ctx.cable.disconnectMember(memberId);
  }

  /** Revokes an access or a refresh token; null when it is neither. */
  revoke(token: string): { revoked: 'access' | 'refresh'; disconnected: number } | null {
    if (this.ctx.tokens.revokeRefresh(token)) return { revoked: 'refresh', disconnected: 0 };
    const result = revokeAccessToken(this.ctx, token);
    return result ? { revoked: 'access', ...result } : null;
  }

  setActivity(perMinute: number): void {
    this.activity.set(perMinute);
  }

  connections(): ConnectionInfo[] {
    return this.ctx.cable.connections();
  }

  refused(): RefusedHandshake[] {
    return this.ctx.cable.refused();
  }

  health(): Record<string, unknown> {
    return {
      ok: true,
      community: this.ctx.community.name,
      connections: this.connections().length,
      handshakes: this.ctx.cable.handshakes,
      envelope: this.ctx.config.envelope,
      compat: this.ctx.config.compat,
      activity_per_minute: this.activity.perMinute,
    };
  }

  setEnvelope(variant: EnvelopeVariant): void {
    this.ctx.config.envelope = variant;
  }

  configure(patch: ConfigPatch): Record<string, unknown> {
    applyConfigPatch(this.ctx.config, patch);
    this.ctx.cable.syncHeartbeat();
    return publicConfig(this.ctx.config);
  }

  config(): Record<string, unknown> {
    return publicConfig(this.ctx.config);
  }

  private member(id: number): Member {
    const member = this.ctx.community.members.get(id);
    if (!member) throw notFound('Community member not found.');
    return member;
  }

  private room(uuid: string): Room {
    const room = this.ctx.community.roomByUuid(uuid);
    if (!room) throw notFound('Chat room not found.');
    return room;
  }

  postMessage(spec: PostMessage): MessageRecord {
    this.member(spec.senderMemberId);
    const message = this.ctx.actions.sendMessage({
      room: this.room(spec.chatRoomUuid),
      senderId: spec.senderMemberId,
      body: spec.body,
      parentId: spec.parentMessageId ?? null,
    }, spec.sentAt);
    return this.ctx.records.message(message);
  }

  editMessage(id: number, body: string): MessageRecord {
    return this.ctx.records.message(this.ctx.actions.editMessage(id, body));
  }

  deleteMessage(id: number): void {
    this.ctx.actions.deleteMessage(id);
  }

  notify(memberId: number, spec: NotifySpec = {}): NotificationRecord {
    this.member(memberId);
    const actorId = spec.actorMemberId ?? [...this.ctx.community.members.keys()].find((id) => id !== memberId) ?? memberId;
    const notification = this.ctx.actions.addNotification(
      memberId,
      {
        kind: spec.kind ?? 'mention',
        actor: this.member(actorId),
        title: spec.title ?? 'Weekly wins thread',
        space: spec.space ?? 'General',
        notifiableId: spec.notifiableId ?? 600_000 + this.ctx.community.notifications.size,
        createdAt: new Date(),
      },
      spec.overrides,
    );
    return this.ctx.records.notification(notification);
  }

  /** The record as the first listed member sees it. */
  createRoom(spec: CreateRoom): RoomRecord {
    const room = this.ctx.actions.createRoom(spec);
    return this.ctx.records.room(room, spec.memberIds[0] ?? DEMO.memberId);
  }

  updateRoom(uuid: string, changes: { name?: string; description?: string; showHistory?: boolean }): void {
    this.ctx.actions.updateRoom(this.room(uuid), changes);
  }

  deleteRoom(uuid: string): void {
    this.ctx.actions.deleteRoom(this.room(uuid));
  }

  pin(uuid: string, memberId: number = DEMO.memberId): void {
    this.ctx.actions.pinRoom(this.room(uuid), memberId);
  }

  unpin(uuid: string, memberId: number = DEMO.memberId): void {
    this.ctx.actions.unpinRoom(this.room(uuid), memberId);
  }

  readThread(threadId: number, memberId: number = DEMO.memberId): void {
    const thread = this.ctx.community.threads.get(threadId);
    if (!thread) throw notFound('Chat thread not found.');
    this.ctx.actions.markThreadRead(thread, memberId);
  }

  issueTokens(memberId: number, ttl: Partial<Lifetimes> = {}): TokenPair {
    this.member(memberId);
    return this.ctx.tokens.issue(memberId, ttl);
  }
}
