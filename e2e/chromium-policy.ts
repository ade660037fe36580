import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { chromiumPath, launchWithExtension } from '../scripts/chromium';
import { expect, extensionDir, optionsPages } from './fixtures';

/**
 * Chromium reads a community's policy only from machine-wide files (Debian's Chromium:
 * /etc/chromium/policies/managed/*.json), and a `--load-extension` extension gets its
 * `storage.managed` from the `3rdparty` part of them, by its id. Rather than write there for
 * every browser on the machine, each policy browser starts in a mount namespace of its own with
 * a directory of the test's bound over /etc/chromium: only that browser sees the policy, as
 * Firefox's own HOME gives it one (e2e/firefox/harness.ts). Chromium watches the directory, so
 * rewriting the file is a policy change, as an administrator's would be.
 */
const ETC = '/etc/chromium';

/** The id Chromium gives an unpacked extension without a `key`: its path's SHA-256, a–p for each hex digit. */
export const unpackedId = (path: string) => [...createHash('sha256').update(path).digest('hex').slice(0, 32)].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');

/** Says plainly why, where this machine cannot give one browser a policy of its own (it needs Debian's Chromium and a mount namespace). */
function expectPrivatePolicy(): void {
  if (!chromiumPath || !existsSync(ETC)) throw new Error(`a policy of its own needs Debian's Chromium and ${ETC}`);
  try {
    execFileSync('unshare', ['--mount', 'sh', '-c', `mount --bind /tmp ${ETC}`], { stdio: 'ignore' });
  } catch {
    throw new Error('a policy of its own needs a mount namespace (unshare --mount) to bind the test\'s directory over ' + ETC);
  }
}

export interface PolicyBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Rewrites the policy the extension gets (`{ settings?, preferences? }`); Chromium notices it by itself. */
  setPolicy(policy: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function launchWithPolicy(policy: Record<string, unknown>): Promise<PolicyBrowser> {
  expectPrivatePolicy();
  const root = mkdtempSync(join(tmpdir(), 'circle-live-policy-'));
  const etc = join(root, 'etc');
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  // What else Debian keeps there (first-run preferences) stays as it is.
  if (existsSync(join(ETC, 'master_preferences'))) copyFileSync(join(ETC, 'master_preferences'), join(etc, 'master_preferences'));
  const extensionId = unpackedId(extensionDir);
  const setPolicy = (next: Record<string, unknown>) =>
    writeFileSync(join(etc, 'policies', 'managed', 'circle-live.json'), JSON.stringify({ '3rdparty': { extensions: { [extensionId]: next } } }));
  setPolicy(policy);
  const wrapper = join(root, 'chromium');
  // `unshare` execs in place (no fork): the pid Playwright holds stays the browser's.
  writeFileSync(wrapper, `#!/bin/sh\nexec unshare --mount sh -c 'mount --bind "$0" ${ETC} && browser="$1" && shift && exec "$browser" "$@"' '${etc}' '${chromiumPath}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const profile = join(root, 'profile');
  const context = await launchWithExtension(extensionDir, profile, { executablePath: wrapper });
  await expect.poll(() => optionsPages(context).length, { timeout: 20_000, message: 'the options page opened on install' }).toBe(1);
  return {
    context,
    extensionId,
    setPolicy,
    close: async () => {
      await context.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
