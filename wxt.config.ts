import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { popupFirstChunk } from './scripts/popup-chunks';

// `wxt build --mode local` clashes with Vite's `.env.local`, so the loopback flavour is an
// environment flag (see docs/platform.md). It only widens host permissions; the store zips
// are always built without it.
const local = process.env.CIRCLE_LIVE_LOCAL === '1';

const circleHosts = ['https://app.circle.so/*', 'wss://app.circle.so/*'];
const loopbackHosts = [
  'http://127.0.0.1/*',
  'ws://127.0.0.1/*',
  'http://localhost/*',
  'ws://localhost/*',
];

// Firefox e2e only (e2e/firefox): WebDriver BiDi cannot open a moz-extension:// page nor reach
// the event page, but a loopback page may navigate itself to a web-accessible extension page,
// and code the harness evaluates there has the full extension API (storage, action badge,
// permissions). The page is empty: it runs nothing by itself. Local flavour only, so the
// store builds expose no page to the web.
const E2E_BRIDGE = 'e2e-bridge.html';
const e2eBridge = (firefox: boolean) =>
  local && firefox
    ? { web_accessible_resources: [{ resources: [E2E_BRIDGE], matches: ['http://127.0.0.1/*', 'http://localhost/*'] }] }
    : {};

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: lib/ must show at a glance that it touches no browser API.
  imports: false,
  manifestVersion: 3,
  // The sources zip is for Firefox's reviewers: the extension's code, not our benches and output.
  zip: { excludeSources: ['bench/**', 'demo-output/**', 'test-results/**', 'docs/**', 'e2e/**', 'tests/**', 'simulator/**'] },
  outDirTemplate: `{{browser}}-mv{{manifestVersion}}{{modeSuffix}}${local ? '-local' : ''}`,
  vite: () => ({
    plugins: [preact(), popupFirstChunk()],
    // Lets the local flavour carry its test hooks; the store build compiles them away.
    define: { 'import.meta.env.CIRCLE_LIVE_LOCAL': JSON.stringify(local) },
    // Every browser we support preloads modules itself; the polyfill was a script of its own on every page.
    build: { modulePreload: { polyfill: false } },
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      if (local && wxt.config.browser === 'firefox') {
        files.push({ relativeDest: E2E_BRIDGE, contents: '<!doctype html><meta charset="utf-8"><title>Circle Live e2e bridge</title>\n' });
      }
    },
  },
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
      action: {
        default_title: '__MSG_extName__',
        default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
      },
      // The toolbar button from the keyboard (members can change it in the browser's shortcut settings).
      // Not Alt+Shift+C, the suggestion: Chromium (156, Linux) leaves that one unbound, as it
      // does a key it holds for itself, where Alt+Shift+L is bound at install (e2e/keyboard.spec.ts).
      commands: {
        _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandOpenPopup__' },
      },
      permissions: [
        'storage',
        'alarms',
        'notifications',
        'declarativeNetRequestWithHostAccess',
        // Signing in with the community's own login: launchWebAuthFlow and its redirect URL.
        'identity',
        // Chrome cannot set handshake headers on the service worker's own sockets, so the
        // socket lives in an offscreen document there; Firefox has no offscreen API.
        ...(firefox ? [] : ['offscreen']),
      ],
      host_permissions: [...circleHosts, ...(local ? loopbackHosts : [])],
      // Communities on their own domain: asked for from the options page when saved.
      optional_host_permissions: ['https://*/*', 'wss://*/*'],
      // MV3's default CSP adds upgrade-insecure-requests, which turns ws://127.0.0.1 into TLS
      // on Firefox. Settings validation only lets plain http through for loopback hosts.
      content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
      ...e2eBridge(firefox),
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'circle-live@circle-live.dev',
                strict_min_version: '142.0',
                data_collection_permissions: {
                  required: ['authenticationInfo'],
                },
              },
            },
          }
        : {
            storage: { managed_schema: 'managed_schema.json' },
            // No web page and no other extension may message us (Firefox has no such key).
            externally_connectable: { ids: [], matches: [] },
            // The newest API we need: 30 s alarms for the watchdog (120). Below it: runtime.getContexts
            // and sockets keeping the worker alive (116), storage.session (102), DNR requestDomains and
            // initiatorDomains (101), offscreen documents (109).
            minimum_chrome_version: '120',
          }),
    };
  },
});
