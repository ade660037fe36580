// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Session } from '../../lib/brain/session';
import { emptyDiagnostics } from '../../lib/cable/diagnostics';
import type { CableStatus } from '../../lib/cable';
import { parseEvent } from '../../lib/circle/events';
import { Publisher } from '../../lib/brain/publish';
import { FakeBrowser } from '../../lib/brain/testing';
import { diagnosticsText } from './diagnostics-text';
import type { ConnectionStatus } from '../../lib/wire/status';

const browser = new FakeBrowser();

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJjb21tdW5pdHlfbWVtYmVyX2lkIjoyNDAwfQ.c2VjcmV0LXNpZ25hdHVyZQ';
const TEXT = 'Meet me at the harbour at nine';
const NAME = 'Annabel Quixote';
const SECRETS = [TOKEN, TEXT, NAME, 'Quixote', 'harbour', '4711', '2400', 'annabel@example.org', 'community.example'];

/** Frames Circle might send that no event comes of, each full of what must never leave. */
const FRAMES: unknown[] = [
  { kind: 'newMessage', record: { body: TEXT, sender: { name: NAME, email: 'annabel@example.org' }, id: 4711 } },
  { type: 'someNewThing', access_token: TOKEN, [NAME]: TEXT },
  { event: 'newMessage', data: { rich_text_body: { body: { content: [{ text: TEXT }] } }, community_member_id: 2400 } },
  [TEXT, NAME, TOKEN],
  TEXT,
];

describe('Copy diagnostics', () => {
  it('holds no token, message text or name, whatever the frames and the status held', async () => {
    const cable: CableStatus = {
      state: 'connected', reason: 'welcome', since: 1, lastFrameAt: 2, nextRetryAt: null, attempts: 0, reconnects: 1, closedBeforeOpen: 0,
      subscriptions: [{ identifier: JSON.stringify({ channel: 'NotificationChannel', community_member_id: 2400 }), channel: 'NotificationChannel', state: 'confirmed', listeners: 1 }],
      diagnostics: { ...emptyDiagnostics(), invalid_json: 2 },
    };
    const session = {
      settings: { circleUrl: 'https://community.example' }, member: { name: NAME, id: 2400, community: 'https://community.example/2400', live: { cable, count: 3 } },
      preferences: { badgeCounts: 'notifications' }, api: { answeredAt: 1 },
      stopped: { phase: 'signed-out', reason: `Signed out: ${TOKEN} ${NAME}` },
    } as unknown as Session;
    const publisher = new Publisher({ port: browser.port, current: () => session, online: () => true, startedAt: 0 });
    for (const frame of FRAMES) {
      const parsed = parseEvent(frame, 'https://community.example/2400', 5);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) publisher.rejected(parsed.kind, frame);
    }
    await publisher.publish(session);
    const status = browser.statuses.at(-1) as ConnectionStatus;
    // The status itself is the member's own and may name them; what is copied may not.
    expect(status.memberName).toBe(NAME);
    const text = diagnosticsText({ version: '0.1.0', browser: 'chrome Chrome/142.0' }, status);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('message.invalid_newMessage=1');
    expect(text).toContain('frame.invalid_json=2');
    expect(text).toContain('{kind:"newMessage",record:{body:str,id:num,sender:{email:str,name:str}}}');
    expect(text).toContain('{<key>:str,access_token:str,type:str}');
    expect(text).toContain('NotificationChannel confirmed x1');
    expect(text).toMatch(/history \(1, most recent last\):\n {2}\S+ signed-out cable=connected unknown$/);
  });

  it('says so when the background has written nothing yet', () => {
    expect(diagnosticsText({ version: '1', browser: 'firefox' }, undefined)).toBe('Circle Live diagnostics\nversion: 1\nbrowser: firefox\nstatus: none yet');
  });
});
