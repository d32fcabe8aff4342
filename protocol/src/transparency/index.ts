/**
 * Verification of the certificate transparency log, shared by the server, the CLI and the browser: RFC 9162 proofs,
 * C2SP signed notes, checkpoints and tiles, canonical entries and proof bundles. Pure: no I/O.
 */
export * from './encoding';
export * from './merkle';
export * from './note';
export * from './checkpoint';
export * from './tiles';
export * from './entries';
export * from './bundle';
