import { describe, expect, it } from 'vitest';
import { glossaryFrom } from './glossary';

describe('the glossary a host saves', () => {
  it('keeps words one a line, each once, and drops half-filled terms', () => {
    expect(
      glossaryFrom('Maum\n\n  Solo Leveling \nMaum', [
        { term: ' hunter ', lang: 'ja', text: ' ハンター ' },
        { term: 'gate', lang: 'ko', text: '' },
        { term: '', lang: 'id', text: 'gerbang' },
      ]),
    ).toEqual({ keep: ['Maum', 'Solo Leveling'], terms: [{ term: 'hunter', lang: 'ja', text: 'ハンター' }] });
  });
});
