import { randomBytes, randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Random bytes for ids, drawn from the system's CSPRNG 4 KiB at a time: ulid asks for one byte per symbol, and a
 * system call for each (its default) costs more than the rest of making an id.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomFraction(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}

const ulid = monotonicFactory(randomFraction);

export type IdPrefix = 'crq' | 'slr' | 'chn' | 'pst' | 'ccp' | 'itm' | 'var' | 'sor' | 'stl' | 'usr' | 'ses' | 'room' | 'msg' | 'gft' | 'ord' | 'cpn' | 'brd' | 'prd' | 'sto' | 'rdm' | 'plk' | 'crt' | 'clo' | 'coc' | 'oml' | 'opm' | 'opq' | 'opr' | 'txf' | 'acc' | 'med' | 'evt' | 'pev' | 'pgb' | 'pal' | 'pph' | 'pnt' | 'sub' | 'stt' | 'spy' | 'spo';

/** A prefixed id that sorts by creation time: `usr_01j…` (a lower-case ULID). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}

// Crockford's base32: 32 symbols, so each random byte maps without bias (256 is a multiple of 32).
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** An unguessable token of `length` symbols (5 bits each), for friend codes and media keys. */
export function randomToken(length = 20): string {
  let token = '';
  for (const byte of randomBytes(length)) token += alphabet[byte & 31];
  return token;
}
