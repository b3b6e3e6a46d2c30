/**
 * `npm run bench`: every benchmark, printed as one line each with its target where it has
 * one. Figures go to BENCHMARKS.md by hand with the machine and date; tests never assert timings.
 *
 *   npm run bench                   foundation + basic data at scale (seed 1, scale 1) + sync
 *   npm run bench -- --quick        the same on --scale 0.05 and a tenth of the sync project
 *   npm run bench -- --seed 2 --scale 0.5 --only scale
 *   npm run bench -- --only sync    the sync benchmarks alone (needs the local PostgreSQL, SITEDESK_TEST_PG)
 *   npm run bench -- --only sync --rebuild   the same, populating its cached server database again
 *   npm run bench -- --only handover   recording an item, opening a 60-item room, its PDF report
 *   npm run bench -- --only convergence   the long run of the sync convergence property (PostgreSQL too)
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { foundationBench } from './foundation.bench.js';
import { format, meetsTarget, type Measurement } from './harness.js';
import { scaleBench } from './scale.bench.js';
import { syncBench } from './sync.bench.js';
import { handoverBench } from './handover.bench.js';
import { runConvergence } from '../integration/harness/convergence.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    scale: { type: 'string' },
    only: { type: 'string' },
    /** Build the sync benchmark's server database again (and time its population). */
    rebuild: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const scale = Number(values.scale ?? (values.quick ? '0.05' : '1'));

console.log(
  `SiteDesk benchmarks — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const all: Measurement[] = [];
if (!values.only || values.only === 'foundation') {
  console.log('\n# Foundation');
  for (const m of foundationBench()) {
    all.push(m);
    console.log(format(m));
  }
}
if (!values.only || values.only === 'scale') {
  console.log(`\n# Basic data at scale`);
  const { header, results } = await scaleBench({ seed, scale, log: (line) => console.log(line) });
  console.log(header);
  for (const m of results) {
    all.push(m);
    console.log(format(m));
  }
}
if (!values.only || values.only === 'sync') {
  console.log(`\n# Sync (issue 4)`);
  const { header, results } = await syncBench({
    seed,
    quick: values.quick,
    rebuild: values.rebuild,
    log: (line) => console.log(line),
  });
  console.log(header);
  for (const m of results) {
    all.push(m);
    console.log(format(m));
  }
}
if (!values.only || values.only === 'handover') {
  console.log(`\n# Handover (issue 5)`);
  for (const m of await handoverBench((line) => console.log(line))) {
    all.push(m);
    console.log(format(m));
  }
}
if (!values.only || values.only === 'convergence') {
  // The property of `npm test`, run long: many more random plans, each longer.
  console.log(`\n# Sync convergence (long run)`);
  const started = Date.now();
  const runs = values.quick ? 5 : 40;
  const result = await runConvergence({
    runs,
    minActions: 40,
    maxActions: 90,
    seed: seed * 7919,
    log: (line) => console.log(line),
  });
  const m: Measurement = {
    name: `convergence: ${result.runs} random plans, ${result.actions} actions, ${result.records} records compared, ${result.conflicts} 冲突 left open, 0 differences`,
    unit: 's',
    value: (Date.now() - started) / 1000,
  };
  all.push(m);
  console.log(format(m));
}
const missed = all.filter((m) => meetsTarget(m) === false);
console.log(
  `\n${all.filter((m) => meetsTarget(m) !== undefined).length - missed.length} targets met, ${missed.length} missed${missed.length ? `: ${missed.map((m) => m.name).join('; ')}` : ''}`,
);
