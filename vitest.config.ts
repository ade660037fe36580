import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest does not read wxt.config's Vite plugins, so Preact is added here too.
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['{lib,components,simulator,tests,scripts}/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
