/** Minimal benchmark helpers: percentiles of repeated runs and a uniform result line. */
export interface Measurement {
  name: string;
  unit: string;
  p50?: number;
  p95?: number;
  value?: number;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Times `fn` `runs` times (after `warmup` untimed runs) and reports p50/p95 in ms. */
export function timeIt(name: string, runs: number, fn: (i: number) => void, warmup = 5): Measurement {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { name, unit: 'ms', p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export function format(m: Measurement): string {
  const parts = [m.name.padEnd(52)];
  if (m.p50 !== undefined) parts.push(`p50 ${m.p50.toFixed(3)} ${m.unit}`);
  if (m.p95 !== undefined) parts.push(`p95 ${m.p95.toFixed(3)} ${m.unit}`);
  if (m.value !== undefined) parts.push(`${m.value.toFixed(0)} ${m.unit}`);
  if (m.note) parts.push(`(${m.note})`);
  return parts.join('  ');
}
