// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sentenceOf } from '../ui/notification';
import { MAX_RICH_TEXT_CHARS } from './model';
import { messageSchema, notificationSchema, roomSchema, toMessage, toNotification, toPreview, toRoom } from './records';
import { docOf, mentionedMemberIds, plainText } from './rich-text';

describe('toNotification', () => {
  const record = {
    id: 5,
    created_at: '2026-11-27T10:00:00Z',
    actor_name: 'Ada Lovelace',
    display_action: 'mentioned you in',
    notifiable_title: 'Launch plans',
    action_web_url: 'https://community.example/p/1',
  };

  it('builds the sentence Circle describes field by field', () => {
    const parsed = notificationSchema.parse({ ...record, notification_text_structure: ['actor_name', 'display_action', 'notifiable_title'] });
    expect(toNotification('c', parsed).text).toBe('Ada Lovelace mentioned you in Launch plans');
  });

  it('keeps literal words, drops unknown keys, and leaves no text when there is nothing', () => {
    const parsed = notificationSchema.parse({ ...record, notification_text_structure: ['actor_name', 'and 2 others', 'unknown_field'] });
    expect(toNotification('c', parsed).text).toBe('Ada Lovelace and 2 others');
    expect(toNotification('c', notificationSchema.parse(record)).text).toBeUndefined();
  });
});

describe('Circle\'s records as its OpenAPI file has them', () => {
  const richText = {
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi ' }, { type: 'mention', attrs: { sgid: 'sg-1' } }] }] },
    circle_ios_fallback_text: 'Hi @Ada',
    attachments: [],
    sgids_to_object_map: { 'sg-1': { type: 'CommunityMember', id: 42, name: 'Ada' } },
  };
  const message = {
    id: 9, chat_room_uuid: 'r', sent_at: '2026-11-27T10:00:00Z', body: 'Hi Ada', rich_text_body: richText,
    sender: { id: 3, name: 'Bo', community_member_id: 8, user_public_uid: '8c62b0c7' },
    reactions: [{ emoji: '👍', count: 2, community_member_ids: [1, 2] }, { emoji: '', count: 1 }, { emoji: '🎉', count: 0 }, 'junk'],
  };

  it('keeps the whole rich text, the sender\'s public uid and the valid reactions', () => {
    const parsed = toMessage('c', messageSchema.parse(message));
    expect(parsed.richText).toEqual(richText);
    expect(parsed.sender).toMatchObject({ name: 'Bo', memberId: 8, publicUid: '8c62b0c7' });
    expect(parsed.reactions).toEqual([{ emoji: '👍', count: 2 }]);
    expect(plainText(parsed.richText, parsed.body)).toBe('Hi @Ada');
    expect(toPreview(parsed).body).toBe('Hi @Ada');
    expect(mentionedMemberIds(parsed.richText).has(42)).toBe(true);
    expect(mentionedMemberIds(parsed.richText).has(8)).toBe(false);
  });

  it('drops a rich text past the cap, keeps the plain body and marks it', () => {
    const huge = { ...richText, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(MAX_RICH_TEXT_CHARS) }] }] } };
    const parsed = toMessage('c', messageSchema.parse({ ...message, rich_text_body: huge }));
    expect(parsed).toMatchObject({ body: 'Hi Ada', richTextDropped: true });
    expect(parsed.richText).toBeUndefined();
    expect(toPreview(parsed).body).toBe('Hi Ada');
  });

  it('reads an old record\'s bare doc as well', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 42 } }] }] };
    expect(docOf(doc)).toBe(doc);
    expect(docOf(richText)).toBe(richText.body);
    expect(mentionedMemberIds(doc).has(42)).toBe(true);
  });

  const room = {
    id: 1, uuid: 'u', chat_room_name: 'Crew',
    current_participant: { id: 5, community_member_id: 7, muted: true, archived: true },
    other_participants_preview: [{ id: 6, name: 'Ada', community_member_id: 8, user_public_uid: 'abc', muted: false, archived: false }],
  };

  it('takes mute and archive from the participant flags, the old muted_at too, and names no pin', () => {
    const parsed = toRoom('c', roomSchema.parse(room));
    expect(parsed).toMatchObject({ muted: true, archived: true, participants: [{ name: 'Ada', publicUid: 'abc' }] });
    expect(parsed).not.toHaveProperty('pinnedAt');
    const plain = toRoom('c', roomSchema.parse({ ...room, current_participant: { id: 5, muted: false, archived: false } }));
    expect(plain.muted).toBeUndefined();
    expect(plain.archived).toBeUndefined();
    expect(toRoom('c', roomSchema.parse({ ...room, current_participant: { muted_at: '2026-11-01T00:00:00Z' } })).muted).toBe(true);
  });

  it('unwraps the one room Circle answers as {chat_room}', () => {
    expect(toRoom('c', roomSchema.parse({ chat_room: room })).name).toBe('Crew');
    expect(roomSchema.safeParse({ chat_room: 'nope' }).success).toBe(false);
  });

  it('leaves Rails\' "Translation missing" out of the action and of the sentence', () => {
    const parsed = toNotification('c', notificationSchema.parse({
      id: 1, actor_name: 'Mikki', notifiable_title: 'A post', action: 'add', notifiable_type: 'Comment',
      display_action: 'Translation missing: en.notification_actions.comment.add',
      notification_text_structure: ['actor_name', 'display_action', 'notifiable_title'],
    }));
    expect(parsed.displayAction).toBeUndefined();
    expect(parsed.text).toBeUndefined();
    expect(sentenceOf(parsed, (key) => key).map((part) => part.text)).toEqual(['Mikki', 'notificationDidComment', 'A post']);
  });
});
