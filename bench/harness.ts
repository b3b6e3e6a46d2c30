/** Minimal benchmark helpers: percentiles of repeated runs and a uniform result line. */
export interface Measurement {
  name: string;
  unit: string;
  p50?: number;
  p95?: number;
  value?: number;
  note?: string;
  /** p95 (or the value, when there is no p95) must stay below this. */
  targetBelow?: number;
  /** The value must reach at least this (rates). */
  targetAtLeast?: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function summary(name: string, samples: number[]): Measurement {
  samples.sort((a, b) => a - b);
  return { name, unit: 'ms', p50: percentile(samples, 50), p95: percentile(samples, 95) };
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
  return summary(name, samples);
}

/** timeIt for calls that return a promise (the dispatcher), awaited one after the other. */
export async function timeAsync(
  name: string,
  runs: number,
  fn: (i: number) => Promise<unknown>,
  warmup = 5,
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summary(name, samples);
}

/** Whether a measurement meets its target; undefined when it has none. */
export function meetsTarget(m: Measurement): boolean | undefined {
  if (m.targetBelow !== undefined) return (m.p95 ?? m.value ?? Infinity) < m.targetBelow;
  if (m.targetAtLeast !== undefined) return (m.value ?? -Infinity) >= m.targetAtLeast;
  return undefined;
}

export function format(m: Measurement): string {
  const parts = [m.name.padEnd(58)];
  const digits = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  if (m.p50 !== undefined) parts.push(`p50 ${digits(m.p50)} ${m.unit}`);
  if (m.p95 !== undefined) parts.push(`p95 ${digits(m.p95)} ${m.unit}`);
  if (m.value !== undefined) parts.push(`${m.value >= 1000 ? m.value.toFixed(0) : digits(m.value)} ${m.unit}`);
  const ok = meetsTarget(m);
  if (m.targetBelow !== undefined) parts.push(`(target < ${m.targetBelow} ${m.unit}) ${ok ? '✓' : '✗'}`);
  if (m.targetAtLeast !== undefined) parts.push(`(target ≥ ${m.targetAtLeast} ${m.unit}) ${ok ? '✓' : '✗'}`);
  if (m.note) parts.push(`[${m.note}]`);
  return parts.join('  ');
}
