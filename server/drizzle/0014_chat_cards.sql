CREATE TABLE "chat_card_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"from_user_id" text NOT NULL,
	"to_user_id" text NOT NULL,
	"client_msg_id" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "chat_card_outbox_sender_client_key" ON "chat_card_outbox" USING btree ("from_user_id","client_msg_id");--> statement-breakpoint
CREATE INDEX "chat_card_outbox_created_idx" ON "chat_card_outbox" USING btree ("created_at");--> statement-breakpoint
-- Messages that told of a gift, a post or a certificate become chat cards ({text, card}), the one shape clients read.
UPDATE "messages" SET "kind" = 'card', "body" = jsonb_build_object(
	'text', CASE WHEN "body"->>'event' = 'expiring' THEN 'Gift expiring: ' ELSE 'Gift: ' END || coalesce("body"->>'productName', ''),
	'card', jsonb_build_object(
		'type', 'gift', 'event', "body"->'event', 'giftId', "body"->'giftId',
		'productName', coalesce("body"->'productName', '""'::jsonb), 'brandName', coalesce("body"->'brandName', '""'::jsonb),
		'imageUrl', to_jsonb(nullif("body"->>'imageUrl', '')), 'card', "body"->'card',
		'expiresAt', to_jsonb(nullif("body"->>'expiresAt', '')), 'daysLeft', coalesce("body"->'daysLeft', 'null'::jsonb)))
WHERE "kind" = 'gift' AND "body" ? 'giftId';
--> statement-breakpoint
UPDATE "messages" SET "kind" = 'card', "body" = jsonb_build_object(
	'text', 'Gift: ' || coalesce("body"->>'productName', '') || ' (' || coalesce("body"->>'channelName', '') || ')',
	'card', jsonb_build_object(
		'type', 'delivery_gift', 'event', "body"->'event', 'orderId', "body"->'orderId',
		'productName', coalesce("body"->'productName', '""'::jsonb), 'channelName', coalesce("body"->'channelName', '""'::jsonb),
		'imageUrl', to_jsonb(nullif("body"->>'imageUrl', '')), 'card', "body"->'card'))
WHERE "kind" = 'gift' AND "body" ? 'orderId';
--> statement-breakpoint
UPDATE "messages" SET "kind" = 'card', "body" = jsonb_build_object(
	'text', coalesce("body"->>'text', ''),
	'card', jsonb_build_object(
		'type', 'post', 'postId', "body"->'post'->'postId', 'channelId', "body"->'post'->'channelId', 'text', coalesce("body"->'text', '""'::jsonb),
		'imageUrls', coalesce("body"->'post'->'imageUrls', '[]'::jsonb), 'deal', coalesce("body"->'post'->'deal', 'null'::jsonb)))
WHERE "kind" = 'text' AND "body" ? 'post';
--> statement-breakpoint
UPDATE "messages" SET "kind" = 'card', "body" = jsonb_build_object(
	'text', coalesce("body"->>'text', ''),
	'card', jsonb_build_object(
		'type', 'certificate', 'certId', "body"->'certificate'->'certId',
		'productName', coalesce("body"->'certificate'->'productName', '""'::jsonb), 'serial', coalesce("body"->'certificate'->'serial', '""'::jsonb),
		'sellerName', coalesce("body"->'certificate'->'sellerName', '""'::jsonb), 'imageUrl', to_jsonb(nullif("body"->'certificate'->>'imageUrl', ''))))
WHERE "kind" = 'text' AND "body" ? 'certificate';
--> statement-breakpoint
-- A gift message deleted for everyone kept no body; it is a card all the same.
UPDATE "messages" SET "kind" = 'card' WHERE "kind" = 'gift';
