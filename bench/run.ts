/**
 * `npm run bench`: every benchmark, printed as one line each. Figures go to BENCHMARKS.md
 * by hand with the machine and date; tests never assert timings.
 */
import { cpus, totalmem } from 'node:os';
import { foundationBench } from './foundation.bench.js';
import { format } from './harness.js';

console.log(
  `SiteDesk benchmarks — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
for (const m of foundationBench()) console.log(format(m));
