import { askerOfBrain, askerOfHost, type WireMessage } from '../wire/ask';
import { browser } from './native-browser';

/**
 * The browser's runtime messaging, the sending half: with ./listen, the only `sendMessage`
 * and `onMessage` in the code. Two files so the popup, which only asks, loads no listener.
 * Both take the native API (./native-browser): the popup stays free of the polyfill.
 */
const send = (message: WireMessage): Promise<unknown> => browser.runtime.sendMessage(message);

export const askBrain = askerOfBrain(send);
export const tellHost = askerOfHost(send);
