// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator/index';
import { CircleApi } from '../circle/api';
import type { Room } from '../circle/model';
import type { Change } from '../store/change';
import { openDatabase } from '../store/db';
import { Store } from '../store/store';
import { Live } from './live';
import { heard } from '../host/heard';

/**
 * A DM from a member never seen before arrives as a `newMessage` for a room the store does not
 * know: the store keeps a nameless stub and the brain asks Circle for the room, which Circle
 * answers wrapped in `chat_room`. The real simulator answers over real HTTP.
 */
let sim: Simulator;
let n = 0;
beforeEach(async () => void (sim = await startSimulator({ port: 0 })));
afterEach(() => sim.stop());

describe('a room first met through a live message', () => {
  it('is filled in from GET /messages/{uuid} with its name and participants', async () => {
    const community = `${sim.url}/${DEMO.communityId}`;
    const { access_token: token } = sim.issueTokens(DEMO.memberId);
    const store = new Store(await openDatabase(`stub-fill-${++n}`), { messagesPerRoom: 50, notifications: 50 });
    const api = new CircleApi({ circleUrl: sim.url, fetch: (input, init) => fetch(input, init), accessToken: async () => token, refreshedToken: async () => token });
    // Olivia and the demo member have no DM in the seed: the room is new to the store.
    const room = sim.control.createRoom({ kind: 'direct', memberIds: [2412, DEMO.memberId] });
    let sawStub = false;
    let resolveFilled: (room: Room) => void = () => undefined;
    const filled = new Promise<Room>((resolve) => (resolveFilled = resolve));
    const live = new Live({
      community, memberId: DEMO.memberId, store, api, logger: {}, onResync: () => undefined,
      onChange: (change: Change) => {
        sawStub ||= change.stubs.includes(room.uuid);
        if (!change.rooms.includes(room.uuid) || change.stubs.includes(room.uuid)) return;
        void store.room(community, room.uuid).then((stored) => stored && !stored.stub && resolveFilled(stored));
      },
    });
    const record = sim.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: 2412, body: 'Hi! Welcome aboard.' });
    await live.absorb({ seq: 1, items: [heard('ChatRoomChannel', { event: 'newMessage', ...record }, community, Date.now())] });
    const stored = await filled;
    expect(sawStub).toBe(true);
    expect(stored).toMatchObject({ uuid: room.uuid, name: 'Olivia Grant', kind: 'direct', participants: [{ memberId: 2412, name: 'Olivia Grant' }] });
    expect(stored.lastMessage?.body).toBe('Hi! Welcome aboard.');
    expect(stored.participants[0]?.publicUid).toMatch(/^[0-9a-f]{8}$/);
  });
});
