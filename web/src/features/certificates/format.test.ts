import { describe, expect, it } from 'vitest';
import { readCertificateBody } from './format';

const certId = 'crt_01jd5n6w3y8k2m4p6r8t0v2x4z';

describe('a certificate card in chat', () => {
  it('reads what the card shows', () => {
    expect(readCertificateBody({ text: 'Lamp · HJ-1', certificate: { certId, productName: 'Lamp', serial: 'HJ-1', sellerName: 'Hanji', imageUrl: '/media/commerce/a.webp' } })).toEqual({
      certId,
      productName: 'Lamp',
      serial: 'HJ-1',
      sellerName: 'Hanji',
      imageUrl: '/media/commerce/a.webp',
    });
  });

  it('is no card without a certificate id, and shows no picture from elsewhere', () => {
    expect(readCertificateBody({ text: 'hello' })).toBeNull();
    expect(readCertificateBody({ certificate: { certId: '../../admin' } })).toBeNull();
    expect(readCertificateBody({ certificate: { certId, imageUrl: 'https://tracker.example/p.gif' } })?.imageUrl).toBeNull();
    // Start with a slash, yet a browser reads both as another site.
    expect(readCertificateBody({ certificate: { certId, imageUrl: '//evil.example/x' } })?.imageUrl).toBeNull();
    expect(readCertificateBody({ certificate: { certId, imageUrl: '/\\evil.example/x' } })?.imageUrl).toBeNull();
  });
});
