-- A payout's money moves in its transaction and its provider is asked after the commit: a payout is pending until
-- the provider has taken it. Every payout made before was paid in its own transaction.
ALTER TABLE "ledger_payouts" ALTER COLUMN "payout_reference" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_payouts" ADD COLUMN "status" text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_payouts" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "ledger_payouts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_payouts" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
UPDATE "ledger_payouts" SET "attempts" = 1, "updated_at" = "created_at";--> statement-breakpoint
ALTER TABLE "ledger_payouts" ALTER COLUMN "updated_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_payouts_pending_idx" ON "ledger_payouts" USING btree ("updated_at") WHERE "ledger_payouts"."status" = 'pending';--> statement-breakpoint
-- A gift box and the gifts sent are read a page at a time, newest first.
DROP INDEX "gifts_recipient_idx";--> statement-breakpoint
DROP INDEX "gifts_sender_idx";--> statement-breakpoint
CREATE INDEX "gifts_recipient_idx" ON "gifts" USING btree ("recipient_id","deliver_at","id");--> statement-breakpoint
CREATE INDEX "gifts_sender_idx" ON "gifts" USING btree ("sender_id","created_at","id");
