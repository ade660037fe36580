import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The last commit with one community at the top level of the settings, tokens under
 * `tokens:<circle origin>` and a single status record: what a member updating to several
 * communities has installed.
 */
export const SINGLE_COMMUNITY_RELEASE = '22637b64bf94c468bc602941457689b4de5967dc';

/** The last commit with schema v2: one IndexedDB record per message (lib/store/db.ts then). */
export const PER_MESSAGE_RELEASE = 'f21fd335cf418f83ba1d2f0564a8359b5919749f';

/**
 * The local flavour of the extension as `commit` built it, built once from the repository's
 * history (`git archive`, this checkout's node_modules) and kept under `.output/previous/`.
 * A shallow clone lacks the commit: `git fetch --unshallow` first.
 */
export async function previousBuild(commit: string): Promise<string> {
  const root = resolve('.output/previous', commit);
  const built = join(root, '.output/chrome-mv3-local');
  if (existsSync(join(built, 'manifest.json'))) return built;
  try {
    await run('git', ['cat-file', '-e', `${commit}^{commit}`]);
  } catch {
    throw new Error(`commit ${commit} is not in this clone (a shallow one?): git fetch --unshallow`);
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  await run('sh', ['-c', `git archive ${commit} | tar -x -C "${root}"`]);
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  await run('npx', ['wxt', 'build'], { cwd: root, env: { ...process.env, CIRCLE_LIVE_LOCAL: '1' }, maxBuffer: 16 * 1024 * 1024 });
  return built;
}
