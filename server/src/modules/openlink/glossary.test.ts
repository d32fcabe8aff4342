import { describe, expect, it } from 'vitest';
import { protectTerms } from './glossary';

const glossary = {
  keep: ['Solo Leveling', 'Jinwoo'],
  terms: [
    { term: 'hunter', lang: 'ja', text: 'ハンター' },
    { term: 'hunter', lang: 'ko', text: '헌터' },
  ],
};

describe('protectTerms', () => {
  it('swaps kept words and the target language’s terms for markers, and back', () => {
    const { text, restore } = protectTerms('jinwoo is the best hunter in Solo Leveling', glossary, 'ja');
    expect(text).toBe('⟦0⟧ is the best ⟦1⟧ in ⟦2⟧');
    expect(restore('⟦2⟧ の最強の ⟦1⟧ は ⟦0⟧')).toBe('Solo Leveling の最強の ハンター は Jinwoo');
  });

  it('uses only the terms for the language asked for', () => {
    const { text, restore } = protectTerms('a hunter', glossary, 'id');
    expect(text).toBe('a hunter');
    expect(restore('seorang pemburu')).toBe('seorang pemburu');
  });

  it('prefers the longest word and treats regex characters as text', () => {
    const { text, restore } = protectTerms('Solo and Solo Leveling (c++)', { keep: ['Solo', 'Solo Leveling', '(c++)'], terms: [] }, 'ko');
    expect(text).toBe('⟦0⟧ and ⟦1⟧ ⟦2⟧');
    expect(restore('⟦ 0 ⟧ 그리고 ⟦1⟧ ⟦2⟧ ⟦9⟧')).toBe('Solo 그리고 Solo Leveling (c++) ⟦9⟧');
  });
});
