CREATE TABLE "ledger_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"payee_kind" text NOT NULL,
	"payee_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"provider" text NOT NULL,
	"payout_reference" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "ledger_payouts" ("id", "payee_kind", "payee_id", "amount", "provider", "payout_reference", "created_at")
SELECT "id", 'seller_payable', "seller_id", "amount", "provider", "payout_reference", "created_at" FROM "settlements";
--> statement-breakpoint
DROP TABLE "settlements" CASCADE;
--> statement-breakpoint
CREATE INDEX "ledger_payouts_payee_idx" ON "ledger_payouts" USING btree ("payee_kind","payee_id","created_at");