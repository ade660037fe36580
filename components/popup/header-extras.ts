import { CommunitySwitcher } from './CommunitySwitcher';
import { Snooze } from './Snooze';

/**
 * One chunk for what the header adds after the first paint: each lazy import costs the popup's
 * first load its own bytes, and so does each name taken from it (spelled out there, unminified).
 */
export { CommunitySwitcher as S, Snooze as Z };
