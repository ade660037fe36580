import type { HostConfig, HostPort, HostReply, ToHost } from '../wire/messages';
import { tellHost } from './messaging';

const DOCUMENT = 'offscreen.html';

/**
 * Chrome: the socket lives in a worker of an offscreen document, because the header rule does
 * not reach sockets the service worker opens (docs/platform.md). It holds every community's socket, since only one such document may exist; it
 * outlives the worker, and is created again whenever the watchdog finds it gone.
 */
export function offscreenHost(): HostPort {
  let creating: Promise<void> | undefined;

  async function exists(): Promise<boolean> {
    const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
    return contexts.length > 0;
  }

  async function ensure(): Promise<void> {
    if (await exists()) return;
    creating ??= chrome.offscreen
      .createDocument({
        url: DOCUMENT,
        // True to the letter: the document starts the worker that holds the socket
        // (entrypoints/offscreen), and plays the alert sound the member may turn on; a
        // document's reasons are fixed when it is created (docs/platform.md).
        reasons: [chrome.offscreen.Reason.WORKERS, chrome.offscreen.Reason.AUDIO_PLAYBACK],
        justification: "Runs the worker that holds the Circle community's live connection (WebSocket) while the browser runs, and plays the alert sound when the member turned it on.",
      })
      .catch(async (error: unknown) => {
        // Two wake-ups racing: the other one made it.
        if (!(await exists())) throw error;
      })
      .finally(() => {
        creating = undefined;
      });
    await creating;
  }

  async function tell(message: ToHost): Promise<HostReply | undefined> {
    try {
      return await tellHost(message);
    } catch {
      // A document still loading has no listener yet; it asks for its config itself ("hello").
      return undefined;
    }
  }

  return {
    async configure(key: string, config: HostConfig | null) {
      if (!config) {
        if (!(await exists())) return undefined;
        // The document goes with the last socket; a document still loading (no answer) has none to keep.
        const reply = await tell({ to: 'host', kind: 'configure', key, config: null });
        if (!reply || reply.sockets === 0) await chrome.offscreen.closeDocument().catch(() => undefined);
        return undefined;
      }
      await ensure();
      return (await tell({ to: 'host', kind: 'configure', key, config }))?.status ?? undefined;
    },
    async reconnectNow(reason: string, key?: string) {
      if (await exists()) await tell({ to: 'host', kind: 'reconnect', key, reason });
    },
  };
}
