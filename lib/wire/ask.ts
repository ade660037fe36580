import type { AskBrain, BrainReplies, HostReply, ToBrain, ToHost } from './messages';

/**
 * One typed `ask`/`listen` pair (here and ./listen) over whatever carries messages between
 * contexts (the browser's runtime messaging in lib/platform/messaging and listen, a test's
 * stand-in), in the manner of @webext-core/messaging's protocol map: the map is ./messages,
 * the browser is not here. Two files so the popup, which only asks, loads no listener.
 */
export type WireMessage = ToBrain | ToHost;
export type Addressee = WireMessage['to'];
export type MessageTo<T extends Addressee> = Extract<WireMessage, { to: T }>;
export type ReplyTo<M extends WireMessage> = M extends ToBrain ? BrainReplies[M['kind']] : HostReply;

/** What a listener knows of a message's sender (`runtime.MessageSender`). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Sends one message and resolves to whatever came back; `undefined` when nobody answered. */
export type Send = (message: WireMessage) => Promise<unknown>;

/** Nobody answered: the context was starting or stopping, or its handler failed. */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer';
  constructor(readonly kind: string) {
    super(`no answer to ${kind}`);
  }
}

async function answered(send: Send, message: WireMessage): Promise<unknown> {
  const reply = await send(message);
  if (reply === undefined || reply === null) throw new NoAnswer(message.kind);
  return reply;
}

/** The brain's side of the map, typed by kind; rejects with `NoAnswer` when no brain answered. */
export function askerOfBrain(send: Send): AskBrain {
  return (message) => answered(send, message) as never;
}

export function askerOfHost(send: Send): (message: ToHost) => Promise<HostReply> {
  return (message) => answered(send, message) as Promise<HostReply>;
}
