import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startOpening } from '../lib/platform/popup-opening';

// The popup's first reads, from a classic script its HTML runs before the stylesheet and the
// modules are in (lib/platform/popup-opening.ts).
export default defineUnlistedScript(() => startOpening());
