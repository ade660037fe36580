import { DEMO, type Simulator } from '../../simulator';
import { BARE_MEMBER } from './session';

/** The bare socket an idle floor's extension holds: Chromium's (bench/phases/idle.ts) and Firefox's (idle-firefox.ts). */
export interface FloorSocket {
  url: string;
  token: string;
  origin: string;
  identifier: string;
}

/** Member 2401 on the simulator, subscribed to one channel: no traffic but Rails' pings. */
export function floorSocketOf(sim: Simulator): FloorSocket {
  return { url: sim.cableUrl, token: sim.issueTokens(BARE_MEMBER).access_token, origin: DEMO.origin, identifier: JSON.stringify({ channel: 'ChatRoomChannel', community_member_id: BARE_MEMBER }) };
}

/** The session rule that sets the handshake's headers, which no page may set on a WebSocket. */
export function handshakeRule(socket: FloorSocket) {
  return {
    id: 1,
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Authorization', operation: 'set', value: `Bearer ${socket.token}` }, { header: 'Origin', operation: 'set', value: socket.origin }] },
    condition: { requestDomains: [new URL(socket.url).hostname], resourceTypes: ['websocket'] },
  };
}
