import { browser } from './native-browser';
import type { ActionResult, MemberAction } from '../brain/actions';

/** A page's way to ask the background to act at Circle (mark read, reset the count). */
export async function act(request: MemberAction): Promise<ActionResult> {
  try {
    const reply = (await browser.runtime.sendMessage({ to: 'brain', kind: 'act', request })) as ActionResult | undefined;
    return reply ?? { ok: false, error: 'The background did not answer.' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
