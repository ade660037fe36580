// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { notificationSchema, toNotification } from './records';

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
