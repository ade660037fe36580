import { resolve } from 'node:path';
import { cyclesOf, graphOf } from './cycles';

// `npm run lint`: a cycle among lib/'s modules fails it, each cycle printed as a path to follow.
const root = resolve(import.meta.dirname, '..');
const cycles = cyclesOf(graphOf(resolve(root, 'lib'), root));
for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
if (cycles.length) process.exit(1);
console.info('lib/: no import cycles');
