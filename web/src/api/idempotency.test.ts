import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { IntentKeys, outcomeUnknown } from './idempotency';

function keys() {
  let n = 0;
  return new IntentKeys(() => `key-${++n}`);
}

describe('one Idempotency-Key per intent to pay', () => {
  it('gives each press of Pay its own key', () => {
    const intents = keys();
    const first = intents.keyFor({ productId: 'p', to: ['a'] });
    intents.settle(null);
    expect(intents.keyFor({ productId: 'p', to: ['a'] })).not.toBe(first);
  });

  it('reuses the key when the same request is pressed again after an answer that never came', () => {
    const intents = keys();
    const first = intents.keyFor({ amount: 10_000 });
    intents.settle(new ApiError(0, 'network', 'offline'));
    expect(intents.keyFor({ amount: 10_000 })).toBe(first);
    intents.settle(new ApiError(503, 'unavailable', 'busy'));
    expect(intents.keyFor({ amount: 10_000 })).toBe(first);
  });

  it('takes a new key after an answer the server keeps, such as insufficient funds', () => {
    const intents = keys();
    const first = intents.keyFor({ amount: 10_000 });
    intents.settle(new ApiError(402, 'insufficient_funds', 'top up'));
    expect(intents.keyFor({ amount: 10_000 })).not.toBe(first);
  });

  it('takes a new key when the request changed, even after an unknown outcome', () => {
    const intents = keys();
    const first = intents.keyFor({ amount: 10_000 });
    intents.settle(new ApiError(0, 'network', 'offline'));
    expect(intents.keyFor({ amount: 30_000 })).not.toBe(first);
  });

  it('knows which failures leave the outcome open', () => {
    expect(outcomeUnknown(new ApiError(0, 'network', ''))).toBe(true);
    expect(outcomeUnknown(new ApiError(500, 'internal', ''))).toBe(true);
    expect(outcomeUnknown(new ApiError(409, 'idempotency_key_reused', ''))).toBe(false);
    expect(outcomeUnknown(new Error('boom'))).toBe(true);
  });
});
