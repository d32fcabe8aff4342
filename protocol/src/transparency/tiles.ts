/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the log served as immutable, cacheable files. A tile at level L
 * holds up to 256 hashes of tree level 8·L; tile N covers nodes N·256 … N·256+255 of that level. Entry bundles
 * hold the entries of the same range as level-0 tile N.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
/** Tile levels run 0…63 in the spec; a tree of 2^53 leaves (JavaScript's safe integers) needs fewer. */
export const MAX_TILE_LEVEL = 63;

export type TileLevel = number | 'entries';

export interface TileRef {
  level: TileLevel;
  index: number;
  /** 1…256; below 256 the tile is partial (`.p/<W>`). */
  width: number;
}

/** N as 3-digit path elements, all but the last prefixed with `x`: 1234067 → `x001/x234/067`. */
export function encodeTileIndex(n: number): string {
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path below the log's prefix, such as `tile/0/x001/234.p/17` or `tile/entries/000`. */
export function tilePath(t: TileRef): string {
  const partial = t.width < TILE_WIDTH ? `.p/${t.width}` : '';
  return `tile/${t.level}/${encodeTileIndex(t.index)}${partial}`;
}

/** Reads the part after `tile/`; null unless it is exactly the spelling `tilePath` makes. */
export function parseTilePath(path: string): TileRef | null {
  const match = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return null;
  const level: TileLevel = match[1] === 'entries' ? 'entries' : Number(match[1]);
  if (level !== 'entries' && level > MAX_TILE_LEVEL) return null;
  const index = Number(match[2]!.replaceAll('x', '').replaceAll('/', ''));
  const width = match[3] ? Number(match[3]) : TILE_WIDTH;
  if (!Number.isSafeInteger(index) || width > TILE_WIDTH || (match[3] && width === TILE_WIDTH)) return null;
  const ref = { level, index, width };
  return tilePath(ref) === `tile/${path}` ? ref : null;
}

/** How many hashes (or entries) tile `index` at `level` has in a tree of `size` leaves: 0 … 256. */
export function tileWidthAt(level: TileLevel, index: number, size: number): number {
  const nodes = Math.floor(size / 2 ** (level === 'entries' ? 0 : level * TILE_HEIGHT));
  return Math.max(0, Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH));
}

/** An entry bundle: each entry as a big-endian uint16 length, then its bytes. */
export function encodeEntryBundle(entries: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let at = 0;
  for (const e of entries) {
    if (e.length > 0xffff) throw new RangeError('an entry in a bundle is at most 65535 bytes');
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new Error('the entry bundle ends inside a length');
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + length > bytes.length) throw new Error('the entry bundle ends inside an entry');
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
