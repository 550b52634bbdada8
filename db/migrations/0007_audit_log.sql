CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sequence" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"case_code" text,
	"district_id" uuid,
	"office_id" uuid,
	"purpose" text,
	"ip_address" text,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_sequence_positive" CHECK ("audit_log"."sequence" > 0),
	CONSTRAINT "audit_log_action" CHECK ("audit_log"."action" in ('view_identity', 'export', 'create', 'update', 'approve', 'consent_record', 'consent_withdraw', 'status_change', 'purge')),
	CONSTRAINT "audit_log_entity_type_not_blank" CHECK (length(trim("audit_log"."entity_type")) > 0),
	CONSTRAINT "audit_log_purpose_length" CHECK ("audit_log"."purpose" is null or length("audit_log"."purpose") <= 500),
	CONSTRAINT "audit_log_hash_shape" CHECK ("audit_log"."hash" ~ '^[0-9a-f]{64}$' and "audit_log"."prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_sequence_unique" ON "audit_log" USING btree ("sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_hash_unique" ON "audit_log" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_log_district_created_idx" ON "audit_log" USING btree ("district_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_case_code_idx" ON "audit_log" USING btree ("case_code","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at");