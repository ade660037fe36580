import { defineConfig, type UserConfig } from 'wxt';
import base from '../wxt.config';

/**
 * `npm run bench -- --profile` only: the local flavour (run with CIRCLE_LIVE_LOCAL=1), not
 * minified and with source maps, in `.output/bench-profile/`, so CPU profiles name functions
 * and map back to lib/… files. Same code as `build:local` otherwise.
 */
const vite = base.vite as Exclude<UserConfig['vite'], undefined>;

export default defineConfig({
  ...base,
  outDir: '.output/bench-profile',
  vite: async (env) => {
    const config = await vite(env);
    return { ...config, build: { ...config.build, minify: false, sourcemap: true } };
  },
});
