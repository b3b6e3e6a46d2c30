#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in one run, ending with the line
 * `N passed, N failed` (static checks count one each; vitest and Playwright count their tests).
 * Runs every step even after a failure, so one run shows everything that is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(label, command, args) {
  if (only.length && !only.includes(label)) return;
  const { ok, seconds } = run(label, command, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? '✔' : '✘'} ${label} (${seconds}s)`);
}

function suite(label, command, args, readCounts, env) {
  if (only.length && !only.includes(label)) return;
  const { ok, seconds } = run(label, command, args, env);
  const counts = readCounts();
  if (!counts) {
    failed++;
    summary.push(`✘ ${label}: no report (${seconds}s)`);
    return;
  }
  passed += counts.passed;
  failed += counts.failed;
  // A runner that failed without a failing test (a crash, a broken config) is still a failure.
  if (!ok && counts.failed === 0) failed++;
  summary.push(`${ok ? '✔' : '✘'} ${label}: ${counts.passed} passed, ${counts.failed} failed (${seconds}s)`);
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const npx = (...args) => ['npx', ['--no-install', ...args]];

check('typecheck:node', ...npx('tsc', '-p', 'tsconfig.json', '--noEmit'));
check('typecheck:shared', ...npx('tsc', '-p', 'tsconfig.shared.json', '--noEmit'));
check('typecheck:renderer', ...npx('tsc', '-p', 'tsconfig.renderer.json', '--noEmit'));
check('typecheck:e2e', ...npx('tsc', '-p', 'tsconfig.e2e.json', '--noEmit'));
check('lint', ...npx('eslint', '.', '--max-warnings', '0'));
check('layers', ...npx('tsx', 'scripts/check-layers.ts'));

suite('unit', ...npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${OUT}/vitest.json`), () => {
  const report = readJson(`${OUT}/vitest.json`);
  return report && { passed: report.numPassedTests, failed: report.numFailedTests };
});

check('build:renderer', ...npx('vite', 'build', '--logLevel', 'warn'));
suite('e2e', ...npx('playwright', 'test'), () => {
  const report = readJson(`${OUT}/playwright.json`);
  return report && { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
});

console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
