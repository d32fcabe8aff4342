CREATE TABLE "open_members" (
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_members_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "open_rooms" (
	"room_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"tags" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"member_cap" integer NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"join_mode" text NOT NULL,
	"entry_code_hash" text,
	"entry_code_salt" text,
	"link_code" text NOT NULL,
	"host_id" text NOT NULL,
	"search_terms" text[] NOT NULL,
	"trend_key" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_rooms_link_code_key" UNIQUE("link_code")
);
--> statement-breakpoint
ALTER TABLE "open_members" ADD CONSTRAINT "open_members_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_members_user_idx" ON "open_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "open_rooms_search_terms_idx" ON "open_rooms" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "open_rooms_trend_key_idx" ON "open_rooms" USING btree ("trend_key");--> statement-breakpoint
CREATE INDEX "open_rooms_created_idx" ON "open_rooms" USING btree ("created_at");