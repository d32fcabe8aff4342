import { describe, expect, it } from 'vitest';
import { StatementNames } from './pg-prepared';

const nameAfter = (names: StatementNames, text: string, runs: number, parameters = 1) => Array.from({ length: runs }, () => names.nameOf(text, parameters));

describe('StatementNames', () => {
  it('names a text from its third run on, always by the same name, and each text by its own', () => {
    const names = new StatementNames();
    const first = nameAfter(names, 'select $1', 5);
    expect(first.slice(0, 2)).toEqual([undefined, undefined]);
    expect(new Set(first.slice(2)).size).toBe(1);
    expect(first[2]).toMatch(/^maum_auto_\d+$/);
    const second = nameAfter(names, 'select $1, $2', 3)[2];
    expect(second).toMatch(/^maum_auto_\d+$/);
    expect(second).not.toBe(first[2]);
  });

  it('names 300 texts at most, and keeps naming those it named', () => {
    const names = new StatementNames();
    const named = Array.from({ length: 300 }, (_, i) => nameAfter(names, `select ${i}, $1`, 3)[2]);
    expect(new Set(named).size).toBe(300);
    expect(nameAfter(names, 'select 300, $1', 10)).toEqual(Array(10).fill(undefined));
    expect(names.nameOf('select 0, $1', 1)).toBe(named[0]);
  });

  it('never names a text with more than 32 parameters, whose length goes with its input', () => {
    const names = new StatementNames();
    expect(nameAfter(names, 'select $1, …, $33', 10, 33)).toEqual(Array(10).fill(undefined));
    expect(nameAfter(names, 'select $1, …, $32', 3, 32)[2]).toMatch(/^maum_auto_\d+$/);
  });
});
