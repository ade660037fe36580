// @vitest-environment node
/**
 * The seeded community must look like a real one and be the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../index';
import { Records } from '../records';
import { seedCommunity } from '../seed';

const NOW = new Date('2025-03-14T12:00:00Z');

describe('seedCommunity', () => {
  const community = seedCommunity(7, NOW);
  const records = new Records(community);
  const messages = [...community.messages.values()];

  it('is deterministic for a seed and a moment, and differs for another seed', () => {
    const again = seedCommunity(7, NOW);
    const dump = (c: typeof community) => JSON.stringify(c.roomsOf(DEMO.memberId).map((room) => new Records(c).room(room, DEMO.memberId)));
    expect(dump(again)).toBe(dump(community));
    expect(dump(seedCommunity(8, NOW))).not.toBe(dump(community));
  });

  it('has the demo member and plausible others', () => {
    const demo = community.members.get(DEMO.memberId);
    expect(demo).toMatchObject({ email: DEMO.email, name: DEMO.name });
    expect(community.members.size).toBeGreaterThanOrEqual(4);
    for (const member of community.members.values()) {
      expect(member.name).toMatch(/^\p{Lu}\p{L}+ \p{Lu}\p{L}+$/u);
      expect(member.avatarUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    }
  });

  it('gives the demo member 15+ rooms: DMs and groups, one pinned, a few unread', () => {
    const rooms = community.roomsOf(DEMO.memberId);
    expect(rooms.length).toBeGreaterThanOrEqual(15);
    expect(rooms.filter((room) => room.kind === 'direct').length).toBeGreaterThanOrEqual(5);
    expect(rooms.filter((room) => room.kind === 'group_chat').length).toBeGreaterThanOrEqual(5);
    expect(rooms.filter((room) => community.participantOf(room, DEMO.memberId)?.pinnedAt)).toHaveLength(1);
    const unread = rooms.filter((room) => community.unreadCount(room, DEMO.memberId) > 0);
    expect(unread.length).toBeGreaterThanOrEqual(3);
    expect(unread.length).toBeLessThan(rooms.length / 2);
  });

  it('holds hundreds of messages, in the past, with threads, edits and deletions', () => {
    expect(messages.length).toBeGreaterThan(300);
    expect(messages.every((message) => message.createdAt <= NOW)).toBe(true);
    expect(messages.filter((message) => message.parentId !== null).length).toBeGreaterThan(20);
    expect(community.threads.size).toBeGreaterThan(5);
    expect(messages.filter((message) => message.editedAt).length).toBeGreaterThan(3);
    expect(messages.filter((message) => message.deletedAt).length).toBeGreaterThanOrEqual(1);
    const ids = messages.map((message) => message.id);
    const byTime = [...messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((message) => message.id);
    expect(byTime).toEqual([...ids].sort((a, b) => a - b));
    const recent = community.roomsOf(DEMO.memberId)[0];
    expect(recent && NOW.getTime() - community.lastActivity(recent)).toBeLessThan(6 * 3600 * 1000);
    expect([...community.threads.values()].some((thread) => community.threadUnreadCount(thread, DEMO.memberId) > 0)).toBe(true);
  });

  it('gives the demo member 30+ notifications of several kinds, some read, some new', () => {
    const notifications = community.notificationsOf(DEMO.memberId);
    expect(notifications.length).toBeGreaterThanOrEqual(30);
    expect(new Set(notifications.map((n) => n.action)).size).toBeGreaterThanOrEqual(4);
    expect(notifications.some((n) => n.readAt)).toBe(true);
    expect(notifications.some((n) => !n.readAt)).toBe(true);
    expect(community.newNotifications(DEMO.memberId).length).toBeGreaterThan(0);
  });

  it('never points at an outside host', () => {
    const everything = JSON.stringify([
      ...community.roomsOf(DEMO.memberId).map((room) => records.room(room, DEMO.memberId)),
      ...messages.filter((m) => !m.deletedAt).map((message) => records.message(message)),
      ...[...community.notifications.values()].map((notification) => records.notification(notification)),
    ]);
    const urls = everything.match(/https?:\/\/[^"\s]+/g) ?? [];
    expect(urls.every((url) => url.startsWith(`${DEMO.origin}/`) || url.startsWith('http://www.w3.org/2000/svg'))).toBe(true);
    expect(urls.some((url) => url.startsWith(DEMO.origin))).toBe(true);
  });
});
