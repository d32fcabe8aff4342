import type { Address } from '@maum/protocol';
import '../commerce.css';

export function AddressView({ address }: { address: Address }) {
  return (
    <address className="address-view" data-testid="address-view">
      <strong>{address.name}</strong> · {address.phone}
      <br />({address.postalCode}) {address.line1}
      {address.line2 ? ` ${address.line2}` : ''}
    </address>
  );
}
