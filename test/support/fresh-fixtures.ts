// Runs before every test file (vitest setupFiles). Test files share a worker's modules (isolate: false), so
// counters in shared helpers start again here: a file that names generated ids (D-1, D-2, ...) gets the
// same ids whichever files ran before it in that worker.
import { restartOnDayIds } from './indicator.js';

restartOnDayIds();
