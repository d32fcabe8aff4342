import { bytesEqual, TILE_HEIGHT, TILE_WIDTH, tilePath, tileWidthAt, type TileLevel } from '@maum/protocol';
import { nodeHash, rightEdge, rootHash, type Hash } from './merkle';

/** Fetches one tile's bytes; `path` is what follows the log's prefix, such as `tile/0/x001/002.p/5`. */
export type TileFetcher = (path: string) => Promise<Uint8Array>;

const HASH_BYTES = 32;

/** A served tile that does not lead to the root: the log serves something other than what it signed. */
export class TileMismatch extends Error {}

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

/** Hashes a layer of a tile up to the one node it makes (its length is a power of two). */
function hashUp(layer: Hash[]): Hash {
  while (layer.length > 1) layer = Array.from({ length: layer.length / 2 }, (_, i) => nodeHash(layer[2 * i]!, layer[2 * i + 1]!));
  return layer[0]!;
}

/** A tree of one size read from served tiles: its root, and any of its hash tiles, each proven to lead to that root. */
export interface TiledTree {
  root: Hash;
  /** Tile `index` at hash level `level`; throws when the served tile does not lead to `root`. */
  tile(level: number, index: number): Promise<Hash[]>;
}

/**
 * Reads the tree of `size` entries from served tiles alone. The root comes from the complete subtrees of the tree's
 * right edge, each read from the tile of its level or hashed up from the (at most 128) hashes below it in the tile
 * beneath. Any other tile is full, and is proven by hashing it up to its slot in the tile above, and so on up to a
 * tile the root was built from.
 */
export async function readTiledTree(size: number, fetcher: TileFetcher): Promise<TiledTree> {
  const tiles = new Map<string, Hash[]>();
  const locate = (level: number, index: number) => {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level % TILE_HEIGHT);
    const first = index * span;
    return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, span };
  };
  for (const node of rightEdge(size)) {
    const { tileLevel, tileIndex } = locate(node.level, node.index);
    const key = `${tileLevel}/${tileIndex}`;
    if (!tiles.has(key)) tiles.set(key, tileHashes(await fetchTile(fetcher, tileLevel, tileIndex, size)));
  }
  const root = rootHash(size, (level, index) => {
    const { tileLevel, tileIndex, offset, span } = locate(level, index);
    return hashUp(tiles.get(`${tileLevel}/${tileIndex}`)!.slice(offset, offset + span));
  });

  const tile = async (level: number, index: number): Promise<Hash[]> => {
    const known = tiles.get(`${level}/${index}`);
    if (known) return known;
    const hashes = tileHashes(await fetchTile(fetcher, level, index, size));
    if (hashes.length !== TILE_WIDTH) throw new TileMismatch(`tile ${level}/${index} is partial but the root was not built from it`);
    const above = await tile(level + 1, Math.floor(index / TILE_WIDTH));
    if (!bytesEqual(hashUp(hashes), above[index % TILE_WIDTH]!)) throw new TileMismatch(`tile ${level}/${index} does not hash up to its place in tile ${level + 1}/${Math.floor(index / TILE_WIDTH)}`);
    tiles.set(`${level}/${index}`, hashes);
    return hashes;
  };
  return { root, tile };
}

/** The root of the tree of `size` entries rebuilt from served tiles alone. */
export async function rootFromTiles(size: number, fetcher: TileFetcher): Promise<Hash> {
  return (await readTiledTree(size, fetcher)).root;
}
