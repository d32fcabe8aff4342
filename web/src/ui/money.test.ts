import { describe, expect, it } from 'vitest';
import { formatMoney, formatSignedMoney } from './money';

describe('money', () => {
  it('shows won without decimals in each language', () => {
    expect(formatMoney({ amount: 4500, currency: 'KRW' }, 'en')).toBe('₩4,500');
    expect(formatMoney(0, 'en')).toBe('₩0');
    expect(formatMoney(1_234_567, 'id')).toBe('₩1.234.567');
  });

  it('signs a change of balance', () => {
    expect(formatSignedMoney(10_000, 'en')).toBe('+₩10,000');
    expect(formatSignedMoney(-4500, 'en')).toBe('−₩4,500');
    expect(formatSignedMoney(0, 'en')).toBe('₩0');
  });
});
