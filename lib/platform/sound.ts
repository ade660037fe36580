import { browser } from 'wxt/browser';
import { tellHost } from './messaging';

/** Our own chime (scripts/make-chime.ts), a few hundred milliseconds. */
export const CHIME = '/sounds/chime.wav';

/** Two batches a moment apart (two communities, a burst split in two) make one sound. */
const QUIET_AFTER_MS = 1_500;
let lastPlayed = 0;

/**
 * Plays the chime in this document, resolving once it really plays ('playing'), or false when
 * the browser will not (no audio output, autoplay refused). Chrome's offscreen document and
 * Firefox's background page may play without a gesture; the options page plays it on a click.
 */
export function playChime(url: string = browser.runtime.getURL(CHIME)): Promise<boolean> {
  const audio = new Audio(url);
  return new Promise<boolean>((resolve) => {
    audio.addEventListener('playing', () => resolve(true), { once: true });
    audio.addEventListener('error', () => resolve(false), { once: true });
    audio.play().catch(() => resolve(false));
  });
}

/**
 * The alert sound, from wherever this browser may play it: Chrome's service worker has no
 * audio, so the offscreen document that holds the socket plays it (created with the
 * AUDIO_PLAYBACK reason, ./offscreen-host.ts); Firefox's background page plays it itself.
 * Resolves to where it played, or why it did not.
 */
export async function alertSound(): Promise<string> {
  const now = Date.now();
  if (now - lastPlayed < QUIET_AFTER_MS) return 'skipped';
  lastPlayed = now;
  if (import.meta.env.FIREFOX) return (await playChime()) ? 'background' : 'refused';
  const reply = await tellHost({ to: 'host', kind: 'sound' }).catch(() => undefined);
  if (!reply) return 'no-host';
  return reply.played ? 'offscreen' : 'refused';
}
