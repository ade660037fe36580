import { describe, expect, it } from 'vitest';
import type { Notification } from '../circle/model';
import { sentenceOf } from './notification';

const base: Notification = { community: 'c', id: 1, createdAt: 1, actorName: 'Maya Chen', displayAction: 'posted in', notifiableTitle: 'Spring meetup', spaceTitle: 'Events' };

describe('sentenceOf', () => {
  it('follows Circle’s text structure when it is a list of field names', () => {
    const textStructure = ['actor_name', 'display_action', 'space_title', 'notifiable_title'];
    expect(sentenceOf({ ...base, text: 'Maya Chen posted in Events Spring meetup', textStructure }).map((p) => p.text)).toEqual(['Maya Chen', 'posted in', 'Events', 'Spring meetup']);
  });
  it('defaults to actor, action, title', () => {
    expect(sentenceOf(base)).toEqual([
      { text: 'Maya Chen', strong: true },
      { text: 'posted in', strong: false },
      { text: 'Spring meetup', strong: true },
    ]);
  });
  it('shows Circle’s own words as they are', () => {
    expect(sentenceOf({ ...base, text: 'Your event starts in 1 hour' })).toEqual([{ text: 'Your event starts in 1 hour', strong: false }]);
  });
  it('skips missing fields', () => {
    expect(sentenceOf({ community: 'c', id: 1, createdAt: 1, notifiableTitle: 'Only a title' })).toEqual([{ text: 'Only a title', strong: true }]);
  });
});
