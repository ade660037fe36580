import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { REASON_CODES, readReason } from '../../lib/wire/reasons';
import type { ConnectionPhase } from '../../lib/wire/status';
import { ConnectionBar } from './ConnectionBar';
import { failureText, reasonText } from './reason-text';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Chrome's getMessage over one locale's file: a missing key gives '', as in the browser. */
function speak(messages: Messages): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = messages[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
    return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) =>
      (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, i: string) => subs[Number(i) - 1] ?? ''),
    );
  }) as typeof fakeBrowser.i18n.getMessage;
}

/** Words no German sentence holds ("an" and "in" are German too), and most English ones do. */
const ENGLISH = /\b(the|a|is|are|was|not|could|did|does|cannot|your|you|this|to|of|and|or|on|for|with|try|again|open|sign|signed|settings|connection|failed|refused|error|something|went|wrong|please|stopped|answer)\b/i;

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function barText(phase: ConnectionPhase, code: string): string {
  act(() => render(<ConnectionBar status={{ phase, reason: { code, detail: 'origin' } as never, startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} onRetry={() => {}} />, root));
  return root.textContent ?? '';
}

describe('every reason, in the member\'s language', () => {
  it('has a German sentence with no English in it, in the connection bar and for a failed action', () => {
    speak(de as Messages);
    for (const code of REASON_CODES) {
      const sentence = reasonText({ code, detail: 'origin' });
      expect(sentence, code).toBeTruthy();
      expect(sentence, code).not.toContain(`reason_${code}`);
      expect(sentence, `${code}: ${sentence}`).not.toMatch(ENGLISH);
      for (const phase of ['error', 'reconnecting'] as const) {
        const shown = barText(phase, code);
        expect(shown, `${phase} ${code}: ${shown}`).not.toMatch(ENGLISH);
        expect(shown).toContain(sentence);
      }
    }
    // What an older version stored, and a code from a newer one: German too, never the stored text.
    for (const stored of ['Settings incomplete: origin', 'Signed out', { code: 'from_the_future' }, 42]) {
      const shown = failureText(stored);
      expect(shown).toBe(de.reason_unknown.message);
      expect(shown).not.toMatch(ENGLISH);
    }
  });

  it('has an English sentence for every code, and the detail fills its blank', () => {
    speak(en as Messages);
    for (const code of REASON_CODES) {
      expect(reasonText({ code }), code).toBe((en as Messages)[`reason_${code}`]?.message.replace(/\$[A-Z_]+\$/g, ''));
    }
    expect(reasonText({ code: 'settings_incomplete', detail: 'circleUrl, origin' })).toBe('Some settings are missing or invalid (circleUrl, origin). Open Settings to fix them.');
  });

  it('has no sentence in one locale the other lacks', () => {
    const keys = (messages: object) => Object.keys(messages).filter((key) => key.startsWith('reason_')).sort();
    expect(keys(de)).toEqual(keys(en));
    expect(keys(en)).toEqual(REASON_CODES.map((code) => `reason_${code}`).sort());
  });
});

describe('readReason', () => {
  it('reads what this version stores, and what older ones did, without failing', () => {
    expect(readReason({ code: 'settings_incomplete', detail: 'origin' })).toEqual({ code: 'settings_incomplete', detail: 'origin' });
    expect(readReason({ code: 'rate_limited', detail: 30 })).toEqual({ code: 'rate_limited', detail: '30' });
    expect(readReason('not_eligible')).toEqual({ code: 'not_eligible' });
    expect(readReason('Settings incomplete: auth')).toEqual({ code: 'unknown' });
    expect(readReason({ code: 'not_eligible', detail: { html: '<b>' } })).toEqual({ code: 'not_eligible' });
    expect(readReason(null)).toBeUndefined();
    expect(readReason(undefined)).toBeUndefined();
    expect(readReason(['x'])).toEqual({ code: 'unknown' });
  });
});
