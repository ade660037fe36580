import { useCallback, useMemo, useState } from 'preact/hooks';
import type { Message } from '../../lib/circle/model';
import { plainText } from '../../lib/circle/rich-text';
import { failureText } from '../shared/reason-text';
import type { PopupSource } from './popup-source';

export interface Pending {
  key: number;
  text: string;
  failed?: string;
  /** The newest stored id when it was sent: its echo is newer. */
  after: number;
  creationUuid?: string;
  messageId?: number;
}

let nextKey = 1;

/**
 * Messages the member sent from this view until the stored copy takes their place: shown as
 * sending at once, as not sent (with the text kept) when Circle refuses. A stored message is
 * its copy when it has the id or creation uuid Circle gave, or, before that answer arrives,
 * when it is the member's own with the same text and newer than the send: never both shown.
 */
export function useOutbox(source: PopupSource, uuid: string, stored: readonly Message[], reply?: { parentId: number; threadId?: number }) {
  const [sent, setSent] = useState<Pending[]>([]);

  const pending = useMemo(() => sent.filter((p) => p.failed !== undefined || !stored.some((m) => isCopy(m, p, source.memberId))), [sent, stored, source.memberId]);

  const deliver = useCallback(async (item: Pending) => {
    const result = await source.act({ action: 'send-message', uuid, text: item.text, parentId: reply?.parentId, threadId: reply?.threadId });
    setSent((list) => list.map((p) => (p.key !== item.key ? p : result.ok ? { ...p, failed: undefined, creationUuid: result.creationUuid, messageId: result.messageId } : { ...p, failed: failureText(result.error) })));
  }, [source, uuid, reply?.parentId, reply?.threadId]);

  const send = useCallback((text: string) => {
    const item: Pending = { key: nextKey++, text: text.trim(), after: stored.reduce((max, m) => Math.max(max, m.id), 0) };
    setSent((list) => [...list, item]);
    void deliver(item);
  }, [stored, deliver]);

  const retry = useCallback((key: number) => {
    const item = sent.find((p) => p.key === key);
    if (!item) return;
    setSent((list) => list.map((p) => (p.key === key ? { ...p, failed: undefined } : p)));
    void deliver({ ...item, failed: undefined });
  }, [sent, deliver]);

  return { pending, send, retry };
}

function isCopy(message: Message, pending: Pending, memberId: number | undefined): boolean {
  if (pending.messageId !== undefined) return message.id === pending.messageId;
  if (pending.creationUuid !== undefined && message.creationUuid === pending.creationUuid) return true;
  return message.id > pending.after && memberId !== undefined && message.sender?.memberId === memberId && plainText(message.richText, message.body).trim() === pending.text;
}
