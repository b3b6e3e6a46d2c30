/**
 * Hybrid logical clock (Kulkarni et al.). Every change carries an HLC stamp so that
 * changes from devices whose wall clocks disagree by hours still order consistently
 * with causality: a device that has seen a change always stamps later ones above it.
 *
 * Encoded as a fixed-width string that sorts lexicographically in clock order:
 *   15-digit wall ms : 6-digit counter : node id
 */
export interface HlcState {
  readonly wallMs: number;
  readonly counter: number;
}

export interface HlcStamp extends HlcState {
  readonly node: string;
}

const MAX_COUNTER = 999_999;

export function encodeHlc(stamp: HlcStamp): string {
  return `${String(stamp.wallMs).padStart(15, '0')}:${String(stamp.counter).padStart(6, '0')}:${stamp.node}`;
}

export function decodeHlc(value: string): HlcStamp {
  const match = /^(\d{15}):(\d{6}):(.+)$/.exec(value);
  if (!match) throw new Error(`not an HLC stamp: ${value}`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export class HybridLogicalClock {
  private state: HlcState;

  constructor(
    private readonly node: string,
    private readonly wallClock: () => number = Date.now,
    initial: HlcState = { wallMs: 0, counter: 0 },
  ) {
    this.state = initial;
  }

  /** Stamp a local event. */
  now(): string {
    const wall = this.wallClock();
    const { wallMs, counter } = this.state;
    this.state = wall > wallMs ? { wallMs: wall, counter: 0 } : { wallMs, counter: this.bump(counter) };
    return encodeHlc({ ...this.state, node: this.node });
  }

  /** Merge a stamp received from another node, so later local stamps sort after it. */
  receive(remote: string): void {
    const r = decodeHlc(remote);
    const wall = this.wallClock();
    const { wallMs, counter } = this.state;
    const maxWall = Math.max(wall, wallMs, r.wallMs);
    let next: number;
    if (maxWall === wallMs && maxWall === r.wallMs) next = this.bump(Math.max(counter, r.counter));
    else if (maxWall === wallMs) next = this.bump(counter);
    else if (maxWall === r.wallMs) next = this.bump(r.counter);
    else next = 0;
    this.state = { wallMs: maxWall, counter: next };
  }

  snapshot(): HlcState {
    return this.state;
  }

  private bump(counter: number): number {
    if (counter >= MAX_COUNTER) throw new Error('HLC counter overflow: wall clock has not advanced');
    return counter + 1;
  }
}
