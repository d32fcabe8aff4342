import bwipjs from 'bwip-js/node';

export type BarcodeFormat = 'code128' | 'qr';

/**
 * Draws a coupon PIN as a PNG for a store's scanner: a Code 128 barcode with the digits under it, or a QR code.
 * Both are sized for a phone held up to a scanner at arm's length.
 */
export function drawBarcode(pin: string, format: BarcodeFormat): Promise<Buffer> {
  return format === 'qr'
    ? bwipjs.toBuffer({ bcid: 'qrcode', text: pin, scale: 8, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'ffffff' })
    : bwipjs.toBuffer({
        bcid: 'code128',
        text: pin,
        scale: 4,
        height: 12,
        includetext: true,
        textxalign: 'center',
        textsize: 12,
        paddingwidth: 8,
        paddingheight: 6,
        backgroundcolor: 'ffffff',
      });
}
