CREATE TABLE "open_conversations" (
	"room_id" text PRIMARY KEY NOT NULL,
	"open_room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"member_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "format" text DEFAULT 'group' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_conversations" ADD CONSTRAINT "open_conversations_open_room_id_open_rooms_room_id_fk" FOREIGN KEY ("open_room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_conversations" ADD CONSTRAINT "open_conversations_member_id_open_profiles_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."open_profiles"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open_conversations_room_user_key" ON "open_conversations" USING btree ("open_room_id","user_id");