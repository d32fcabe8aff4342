import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

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
