import { TILE_HEIGHT, TILE_WIDTH, tilePath, tileWidthAt, type TileLevel } from '@maum/protocol';
import { nodeHash, rootHash, type Hash } from './merkle';

/** Fetches one tile's bytes; `path` is what follows the log's prefix, such as `tile/0/x001/002.p/5`. */
export type TileFetcher = (path: string) => Promise<Uint8Array>;

const HASH_BYTES = 32;
const PLACEHOLDER = new Uint8Array(HASH_BYTES);

/** The hashes (or, for `entries`, the raw bundle) of tile `index` at `level`, at its width in a tree of `size`. */
export async function fetchTile(fetcher: TileFetcher, level: TileLevel, index: number, size: number): Promise<Uint8Array> {
  const width = tileWidthAt(level, index, size);
  if (width === 0) throw new Error(`a tree of ${size} has no tile ${level}/${index}`);
  const bytes = await fetcher(tilePath({ level, index, width }));
  if (level !== 'entries' && bytes.length !== width * HASH_BYTES) {
    throw new Error(`tile ${level}/${index} has ${bytes.length} bytes, not ${width} hashes`);
  }
  return bytes;
}

export const tileHashes = (bytes: Uint8Array): Hash[] =>
  Array.from({ length: bytes.length / HASH_BYTES }, (_, i) => bytes.slice(i * HASH_BYTES, (i + 1) * HASH_BYTES));

/**
 * The root of the tree of `size` entries rebuilt from served tiles alone: each complete subtree the root is made of
 * is read from the tile of its level, or hashed up from the (at most 128) hashes below it in the tile beneath.
 */
export async function rootFromTiles(size: number, fetcher: TileFetcher): Promise<Hash> {
  const needed: Array<{ level: number; index: number }> = [];
  rootHash(size, (level, index) => {
    needed.push({ level, index });
    return PLACEHOLDER;
  });
  const tiles = new Map<string, Hash[]>();
  const locate = (level: number, index: number) => {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level % TILE_HEIGHT);
    const first = index * span;
    return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, span };
  };
  for (const n of needed) {
    const { tileLevel, tileIndex } = locate(n.level, n.index);
    const key = `${tileLevel}/${tileIndex}`;
    if (!tiles.has(key)) tiles.set(key, tileHashes(await fetchTile(fetcher, tileLevel, tileIndex, size)));
  }
  return rootHash(size, (level, index) => {
    const { tileLevel, tileIndex, offset, span } = locate(level, index);
    let layer = tiles.get(`${tileLevel}/${tileIndex}`)!.slice(offset, offset + span);
    while (layer.length > 1) layer = Array.from({ length: layer.length / 2 }, (_, i) => nodeHash(layer[2 * i]!, layer[2 * i + 1]!));
    return layer[0]!;
  });
}
