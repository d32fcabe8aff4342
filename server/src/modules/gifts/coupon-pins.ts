import { createHmac, randomBytes } from 'node:crypto';

const PIN_SPACE = 10n ** 12n;
// The largest multiple of 10^12 below 2^64: values at or above it are skipped so every PIN is equally likely.
const LIMIT = (2n ** 64n / PIN_SPACE) * PIN_SPACE;

/**
 * Coupon PINs: 12 digits, derived from a random salt under the server's secret, and looked up by a keyed hash.
 * Neither the salt nor the hash reveals the PIN without the secret.
 */
export class CouponPins {
  constructor(private readonly secret: Buffer) {}

  newSalt(): string {
    return randomBytes(16).toString('base64url');
  }

  pinOf(salt: string): string {
    for (let round = 0; ; round++) {
      const digest = createHmac('sha256', this.secret).update(`pin:${round}:${salt}`).digest();
      for (let i = 0; i + 8 <= digest.length; i += 8) {
        const value = digest.readBigUInt64BE(i);
        if (value < LIMIT) return (value % PIN_SPACE).toString().padStart(12, '0');
      }
    }
  }

  hashOf(pin: string): string {
    return createHmac('sha256', this.secret).update(`lookup:${pin}`).digest('base64url');
  }
}
