/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits.
 * Ids are minted on the client so records can be created offline and still be
 * globally unique; the time prefix keeps B-tree inserts append-only and makes
 * ids sort by creation time.
 */
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues<T extends Uint8Array>(a: T): T } }).crypto;

let lastMs = -1;
let lastSeq = 0;

// Random bytes fetched in blocks: one getRandomValues call per id costs more than the rest of minting.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let poolUsed = POOL_IDS;

function randomBlock(): Uint8Array {
  if (poolUsed === POOL_IDS) {
    webCrypto.getRandomValues(pool);
    poolUsed = 0;
  }
  const start = 16 * poolUsed++;
  return pool.slice(start, start + 16);
}

/** Monotonic within a process: ids minted in the same millisecond still sort in mint order. */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = randomBlock();
  let ms = nowMs;
  if (ms <= lastMs) {
    ms = lastMs;
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      // 4096 ids in one ms: borrow the next millisecond rather than break ordering.
      ms = lastMs + 1;
      lastSeq = 0;
    }
  } else {
    lastSeq = bytes[6]! & 0x07; // random start, small enough to leave headroom in the 12-bit counter
  }
  lastMs = ms;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((lastSeq >>> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidv7(value: string): boolean {
  return UUID_RE.test(value);
}

/** The creation time encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  const hex = id.replace(/-/g, '').slice(0, 12);
  return parseInt(hex, 16);
}
