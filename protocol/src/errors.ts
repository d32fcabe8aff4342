import { z } from 'zod';

/**
 * The one table of error codes. Every error that leaves the server, over HTTP or WebSocket, carries one of
 * these codes; the number is the HTTP status it maps to.
 */
export const errorStatus = {
  validation_failed: 400,
  idempotency_key_required: 400,
  bad_frame: 400,
  malformed_json: 400,
  weak_password: 400,
  cannot_add_self: 400,
  invalid_image: 400,
  image_too_large: 400,
  invalid_audio: 400,
  audio_too_long: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  insufficient_funds: 402,
  forbidden: 403,
  entry_code_wrong: 403,
  banned_from_room: 403,
  room_read_only: 403,
  subscription_required: 403,
  word_blocked: 403,
  seller_not_approved: 403,
  coupon_other_brand: 403,
  not_found: 404,
  coupon_not_found: 404,
  handle_taken: 409,
  already_applied: 409,
  user_blocked: 409,
  too_late: 409,
  gifts_not_wanted: 409,
  idempotency_key_reused: 409,
  room_full: 409,
  room_closed: 409,
  tier_closed: 409,
  tier_limit_reached: 409,
  already_subscribed: 409,
  refund_window_over: 409,
  subscription_used: 409,
  coupon_used: 409,
  coupon_balance_too_low: 409,
  coupon_not_usable: 409,
  coupon_not_extendable: 409,
  coupon_not_refundable: 409,
  coupon_expired: 410,
  out_of_stock: 409,
  coupon_code_invalid: 404,
  coupon_code_expired: 410,
  coupon_code_exhausted: 409,
  coupon_code_limit_reached: 409,
  below_minimum_order: 409,
  top_up_too_small: 409,
  seller_suspended: 409,
  order_already_shipped: 409,
  product_not_certified: 409,
  serial_taken: 409,
  certification_open: 409,
  checkout_expired: 410,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  headers_too_large: 431,
  rate_limited: 429,
  slow_mode: 429,
  internal: 500,
  unavailable: 503,
  translator_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorStatus, value);
}

export const ErrorBody = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', description: 'Every error response has this shape.' });
export type ErrorBody = z.infer<typeof ErrorBody>;
