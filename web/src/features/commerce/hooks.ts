import { useState } from 'react';
import { commerceApi, type ShopOrder } from '@maum/protocol';
import { call, isApiError } from '../../api/client';
import { useCheckout, usePayOrder, type CheckoutInput } from './api';

/**
 * Checkout then payment, as one press of Pay. The held order is kept while the request stays the same, so pressing
 * Pay again after a failed payment (say, after topping up) pays that order instead of holding the stock twice.
 */
export function usePlaceOrder() {
  const checkout = useCheckout();
  const payment = usePayOrder();
  const [held, setHeld] = useState<{ fingerprint: string; order: ShopOrder } | null>(null);
  const expired = isApiError(payment.error) && payment.error.code === 'checkout_expired';

  const place = (input: CheckoutInput, onPaid: (order: ShopOrder) => void) => {
    const fingerprint = JSON.stringify(input);
    const pay = (order: ShopOrder) =>
      payment.pay(order.id, {
        onSuccess: (paid) => {
          setHeld(null);
          onPaid(paid);
        },
      });
    checkout.reset();
    if (held && held.fingerprint === fingerprint && !expired) {
      pay(held.order);
      return;
    }
    // The request changed: the old hold would only keep stock from others until it runs out.
    if (held && !expired) void call(commerceApi.cancel, { params: { orderId: held.order.id } }).catch(() => {});
    payment.reset();
    checkout.mutate(input, {
      onSuccess: (order) => {
        setHeld({ fingerprint, order });
        pay(order);
      },
    });
  };

  return {
    place,
    isPending: checkout.isPending || payment.isPending,
    error: checkout.error ?? payment.error,
    held: held?.order ?? null,
  };
}
