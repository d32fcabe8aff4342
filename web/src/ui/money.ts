import type { Money } from '@maum/protocol';

/** "₩4,500" in the reader's language; won have no minor unit. */
export function formatMoney(money: Money | number, lang: string): string {
  const { amount, currency } = typeof money === 'number' ? { amount: money, currency: 'KRW' } : money;
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** A change of balance with its sign always shown: "+₩10,000", "−₩4,500". */
export function formatSignedMoney(amount: number, lang: string): string {
  const text = formatMoney(Math.abs(amount), lang);
  return amount > 0 ? `+${text}` : amount < 0 ? `−${text}` : text;
}
