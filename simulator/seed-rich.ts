/**
 * The seeded messages that show what Circle's rich text can carry: a link, a mention and a
 * hard break; bold and italic; an image with no text; a picture inline. They replace a few
 * messages away from each room's tail (which holds the unread and the last message), chosen
 * by position, so the rest of the seed is the same as without them.
 */
import { avatarDataUri } from './avatar';
import type { Community, FileSpec, Message, RichContent, Room } from './model';
import { plainText } from './rich-text';

function picture(id: number, filename: string, label: string): FileSpec {
  // A data URI, as the avatars: the simulator never makes an extension page reach another host.
  return { id, filename, contentType: 'image/svg+xml', byteSize: 1800 + id % 997, width: 64, height: 64, url: avatarDataUri(label) };
}

function roomNamed(community: Community, name: string): Room | undefined {
  return [...community.rooms.values()].find((room) => room.name === name);
}

function dmWith(community: Community, a: number, b: number): Room | undefined {
  return [...community.rooms.values()].find((room) => room.kind === 'direct' &&
    room.participants.some((p) => p.memberId === a) && room.participants.some((p) => p.memberId === b));
}

/** The `back`-th visible top-level message from the end, and only one its room's readers already saw. */
function pickMessage(community: Community, room: Room | undefined, back: number): Message | undefined {
  if (!room) return undefined;
  const timeline = community.timeline(room);
  return timeline[timeline.length - back];
}

function rewrite(community: Community, message: Message | undefined, rich: Omit<RichContent, 'attachments' | 'inlineAttachments'> & Partial<RichContent>, senderId?: number): void {
  if (!message) return;
  const room = community.rooms.get(message.roomId);
  const participant = room && senderId !== undefined ? community.participantOf(room, senderId) : undefined;
  if (participant) {
    message.senderId = participant.memberId;
    message.participantId = participant.id;
  }
  message.rich = { attachments: [], inlineAttachments: [], ...rich };
  message.body = plainText(message.rich.paragraphs, community);
}

export function addRichMessages(community: Community, demoMemberId: number): void {
  const launch = roomNamed(community, 'Launch Crew');
  rewrite(community, pickMessage(community, launch, 8), {
    paragraphs: [[
      { text: 'Press kit is up, ' },
      { mention: demoMemberId },
      { text: ' can you give it a look?' },
      { hardBreak: true },
      { text: 'It lives at ' },
      { text: `${community.webUrl}/c/launch/press-kit`, href: `${community.webUrl}/c/launch/press-kit` },
    ]],
  }, 2401);
  const crit = roomNamed(community, 'Design Crit');
  rewrite(community, pickMessage(community, crit, 7), {
    paragraphs: [[
      { text: 'Direction B is ' },
      { text: 'the one', bold: true },
      { text: ' for me, but the ' },
      { text: 'icons', italic: true },
      { text: ' still need work.' },
    ]],
  });
  rewrite(community, pickMessage(community, crit, 9), {
    paragraphs: [[{ text: 'Icon set exploration, three directions:' }]],
    inlineAttachments: [picture(77_001, 'icon-directions.svg', 'A B C')],
  });
  rewrite(community, pickMessage(community, dmWith(community, demoMemberId, 2401), 6), {
    paragraphs: [],
    attachments: [picture(77_002, 'launch-banner.svg', 'Launch')],
  }, 2401);
}
