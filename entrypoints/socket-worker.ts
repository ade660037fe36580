import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { serveSockets } from '../lib/host/worker-socket';

// Chrome: the cable's WebSocket lives here, in a dedicated worker of the offscreen document.
export default defineUnlistedScript({
  include: ['chrome'],
  main() {
    serveSockets(self as unknown as Parameters<typeof serveSockets>[0]);
  },
});
