import { defineConfig } from 'wxt';
import base from '../wxt.config';

/**
 * The store flavour exactly as `npm run build` / `npm run zip` make it, written to
 * `.output/bench-size/` so the bench never rewrites a build another engineer is testing.
 */
export default defineConfig({ ...base, outDir: '.output/bench-size' });
