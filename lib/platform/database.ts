import { browser } from './native-browser';
import { DB_NAME, openDatabase, type Database } from '../store/db';
import type { StoreFaults } from '../store/store';
import { consoleLogger } from './logger';

let opened: Promise<Database> | undefined;
const logger = consoleLogger('database');

/**
 * The extension's one IndexedDB connection per context (background, popup, options). A failed
 * open is not remembered: the next caller opens again. A connection the browser closed
 * (`terminated`: storage cleared, disk gone) or that stands in another context's upgrade
 * (`blocking`: closed at once, so the upgrade proceeds) is dropped, and the next caller
 * opens a fresh one.
 */
export function database(): Promise<Database> {
  if (opened) return opened;
  const attempt: Promise<Database> = open(() => {
    if (opened === attempt) opened = undefined;
  });
  opened = attempt;
  attempt.catch(() => {
    if (opened === attempt) opened = undefined;
  });
  return attempt;
}

async function open(forget: () => void): Promise<Database> {
  // The local build's fault is read beside the open, not before it: the bench measures that build.
  const fault = injectedOpenFault();
  const opening: Promise<Database> = openDatabase(DB_NAME, {
    blocked: () => logger.warn?.('the database upgrade waits for another extension page to close'),
    blocking: () => {
      forget();
      void opening.then((db) => db.close());
    },
    terminated: () => {
      logger.warn?.('the browser closed the database; the next write opens it again');
      forget();
    },
  });
  opening.catch(() => undefined);
  try {
    await fault;
  } catch (error) {
    void opening.then((db) => db.close(), () => undefined);
    throw error;
  }
  return opening;
}

/**
 * Local build only: storage faults on purpose, for the e2e tests. Chromium's quota override
 * (CDP `Storage.overrideQuotaForOrigin`) does not reach IndexedDB, so a full disk is played by
 * failing commits; the count of opens to fail lives in storage, so it holds across a worker restart.
 */
export const storeFaults: StoreFaults = {};
let failCommits: string | undefined;
if (import.meta.env.CIRCLE_LIVE_LOCAL) {
  storeFaults.commit = () => (failCommits ? new DOMException('injected storage fault', failCommits) : undefined);
  Object.assign(globalThis, {
    circleLiveStorage: {
      failCommits: (name: string | undefined) => {
        failCommits = name;
      },
    },
  });
}

const FAIL_OPENS_KEY = 'circleLiveTest.failOpens';

async function injectedOpenFault(): Promise<void> {
  if (!import.meta.env.CIRCLE_LIVE_LOCAL) return;
  const left = Number((await browser.storage.local.get(FAIL_OPENS_KEY))[FAIL_OPENS_KEY] ?? 0);
  if (left <= 0) return;
  await browser.storage.local.set({ [FAIL_OPENS_KEY]: left - 1 });
  throw new DOMException('injected open fault', 'UnknownError');
}
