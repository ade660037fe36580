import type { ActionResult, MemberAction } from '../wire/messages';
import { askBrain } from './messaging';

/** A page's way to ask the background to act at one community's Circle (mark read, reset the count). */
export async function act(key: string, request: MemberAction): Promise<ActionResult> {
  // Not answered (the worker stopping, its handler failed) or not sent at all: the page says so in its words.
  return askBrain({ to: 'brain', kind: 'act', key, request }).catch((): ActionResult => ({ ok: false, error: { code: 'no_answer' } }));
}
