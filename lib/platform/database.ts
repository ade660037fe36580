import { openDatabase, type Database } from '../store/db';

let opened: Promise<Database> | undefined;

/** The extension's one IndexedDB connection per context (background, popup, options). */
export function database(): Promise<Database> {
  opened ??= openDatabase();
  return opened;
}
