CREATE TYPE "public"."subject_status" AS ENUM('active', 'ended', 'archived');--> statement-breakpoint
CREATE TYPE "public"."supervision_level" AS ENUM('lenient', 'normal', 'strict');--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"recipient_organization_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"data_categories" text[] NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"withdrawn_by" uuid,
	CONSTRAINT "consents_expiry_after_grant" CHECK ("consents"."expires_at" > "consents"."granted_at"),
	CONSTRAINT "consents_purpose_not_blank" CHECK (length(trim("consents"."purpose")) > 0),
	CONSTRAINT "consents_categories" CHECK (cardinality("consents"."data_categories") > 0 and "consents"."data_categories" <@ array['name', 'phone', 'id_number', 'address']::text[]),
	CONSTRAINT "consents_withdrawal" CHECK (("consents"."withdrawn_at" is null) = ("consents"."withdrawn_by" is null))
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_code" text NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"name_ciphertext" text,
	"id_number_ciphertext" text,
	"id_number_hash" text,
	"phone_ciphertext" text,
	"address_ciphertext" text,
	"birth_date_ciphertext" text,
	"gender" text NOT NULL,
	"area" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"supervision_level" "supervision_level" NOT NULL,
	"correction_start" date NOT NULL,
	"correction_end" date NOT NULL,
	"status" "subject_status" DEFAULT 'active' NOT NULL,
	"ended_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subjects_case_code_shape" CHECK ("subjects"."case_code" ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'),
	CONSTRAINT "subjects_gender" CHECK ("subjects"."gender" in ('male', 'female')),
	CONSTRAINT "subjects_period" CHECK ("subjects"."correction_end" >= "subjects"."correction_start"),
	CONSTRAINT "subjects_identity_until_purged" CHECK (("subjects"."purged_at" is null and "subjects"."name_ciphertext" is not null and "subjects"."id_number_ciphertext" is not null)
        or ("subjects"."purged_at" is not null and "subjects"."name_ciphertext" is null and "subjects"."id_number_ciphertext" is null
            and "subjects"."phone_ciphertext" is null and "subjects"."address_ciphertext" is null and "subjects"."birth_date_ciphertext" is null
            and "subjects"."id_number_hash" is null)),
	CONSTRAINT "subjects_status_times" CHECK (("subjects"."status" = 'active') = ("subjects"."ended_at" is null))
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recipient_organization_id_organizations_id_fk" FOREIGN KEY ("recipient_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_subject_recipient_idx" ON "consents" USING btree ("subject_id","recipient_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_case_code_unique" ON "subjects" USING btree ("case_code");--> statement-breakpoint
CREATE INDEX "subjects_office_idx" ON "subjects" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "subjects_district_idx" ON "subjects" USING btree ("district_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_active_id_number_unique" ON "subjects" USING btree ("id_number_hash") WHERE "subjects"."status" = 'active' and "subjects"."id_number_hash" is not null;