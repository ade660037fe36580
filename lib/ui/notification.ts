import type { Notification } from '../circle/model';

/**
 * A notification as a sentence: "Maya Chen · mentioned you in · Spring meetup". Circle's
 * `notification_text_structure` is the order of record fields to join
 * (`["actor_name", "display_action", "notifiable_title"]`), kept as `textStructure`; without
 * it, a `text` is shown as it is, and without that the usual order is used.
 */
export interface SentencePart {
  text: string;
  /** Names and titles stand out; the verb does not. */
  strong: boolean;
}

const DEFAULT_ORDER = ['actor_name', 'display_action', 'notifiable_title'];

/** Locale keys for what happened, when Circle sent no words for it (see lib/circle/records). */
export type ActionKey = 'notificationDidMention' | 'notificationDidComment' | 'notificationDidLike' | 'notificationDidPost' | 'notificationDidEvent' | 'notificationDidOther';

export function actionKey(n: Pick<Notification, 'action' | 'notifiableType'>): ActionKey {
  const action = (n.action ?? '').toLowerCase();
  const type = (n.notifiableType ?? '').toLowerCase();
  if (action.includes('mention')) return 'notificationDidMention';
  if (action.includes('like') || action.includes('reaction')) return 'notificationDidLike';
  if (type === 'comment' || action.includes('comment') || action.includes('reply')) return 'notificationDidComment';
  if (type === 'event' || action.includes('rsvp')) return 'notificationDidEvent';
  if (type === 'post' || action.includes('post')) return 'notificationDidPost';
  return 'notificationDidOther';
}

/** `verb` words the action when Circle gave none: the view passes its locale's. */
export function sentenceOf(n: Notification, verb?: (key: ActionKey) => string): SentencePart[] {
  const fields: Record<string, { text?: string; strong: boolean }> = {
    actor_name: { text: n.actorName, strong: true },
    display_action: { text: n.displayAction || verb?.(actionKey(n)), strong: false },
    notifiable_title: { text: n.notifiableTitle, strong: true },
    space_title: { text: n.spaceTitle, strong: false },
  };
  const tokens = n.textStructure?.filter((token) => Object.hasOwn(fields, token)) ?? [];
  const structured = tokens.length > 0;
  if (n.text && !structured) return [{ text: n.text, strong: false }];
  const order = structured ? tokens : DEFAULT_ORDER;
  const parts: SentencePart[] = [];
  for (const name of order) {
    const field = fields[name];
    const text = field?.text?.trim();
    if (field && text) parts.push({ text, strong: field.strong });
  }
  return parts;
}
