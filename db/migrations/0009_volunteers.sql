CREATE TYPE "public"."activity_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."correction_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."hour_record_kind" AS ENUM('system', 'self_reported');--> statement-breakpoint
CREATE TYPE "public"."hour_record_status" AS ENUM('open', 'pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."qualification_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."signup_status" AS ENUM('confirmed', 'waitlisted', 'withdrawn', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."volunteer_status" AS ENUM('pending', 'approved', 'rejected', 'suspended');--> statement-breakpoint
CREATE SEQUENCE "public"."volunteer_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_qualification" text,
	"insurance_required" boolean DEFAULT false NOT NULL,
	"status" "activity_status" DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"checkin_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_period" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_capacity" CHECK ("activities"."capacity" between 1 and 1000),
	CONSTRAINT "activities_not_overbooked" CHECK ("activities"."confirmed_count" between 0 and "activities"."capacity"),
	CONSTRAINT "activities_category" CHECK ("activities"."category" in ('legal', 'psychology', 'education', 'employment', 'community', 'family', 'other')),
	CONSTRAINT "activities_cancel_reason" CHECK ("activities"."status" <> 'cancelled' or length(trim("activities"."cancel_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "activity_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" "signup_status" NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hour_record_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"original_minutes" integer NOT NULL,
	"original_description" text NOT NULL,
	"proposed_minutes" integer NOT NULL,
	"proposed_description" text NOT NULL,
	"reason" text NOT NULL,
	"status" "correction_status" DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_corrections_minutes" CHECK ("hour_corrections"."proposed_minutes" between 1 and 1440),
	CONSTRAINT "hour_corrections_decision_reason" CHECK ("hour_corrections"."status" <> 'rejected' or length(trim("hour_corrections"."decision_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "hour_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"activity_id" uuid,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"kind" "hour_record_kind" NOT NULL,
	"service_date" date NOT NULL,
	"minutes" integer,
	"description" text NOT NULL,
	"evidence_note" text,
	"check_in_at" timestamp with time zone,
	"check_out_at" timestamp with time zone,
	"auto_checked_out" boolean DEFAULT false NOT NULL,
	"status" "hour_record_status" NOT NULL,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_records_system_has_activity" CHECK ("hour_records"."kind" <> 'system' or "hour_records"."activity_id" is not null),
	CONSTRAINT "hour_records_minutes" CHECK (("hour_records"."status" = 'open' and "hour_records"."minutes" is null) or ("hour_records"."status" <> 'open' and "hour_records"."minutes" between 1 and 1440)),
	CONSTRAINT "hour_records_reject_reason" CHECK ("hour_records"."status" <> 'rejected' or length(trim("hour_records"."reject_reason")) > 0),
	CONSTRAINT "hour_records_checkout_after_checkin" CHECK ("hour_records"."check_out_at" is null or "hour_records"."check_out_at" >= "hour_records"."check_in_at")
);
--> statement-breakpoint
CREATE TABLE "service_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"issuer_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"total_minutes" integer NOT NULL,
	"content" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_certificates_period" CHECK ("service_certificates"."period_to" >= "service_certificates"."period_from")
);
--> statement-breakpoint
CREATE TABLE "star_level_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"change" text NOT NULL,
	"approved_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "star_level_events_change" CHECK ("star_level_events"."change" in ('reached', 'lowered'))
);
--> statement-breakpoint
CREATE TABLE "star_thresholds" (
	"district_id" uuid PRIMARY KEY NOT NULL,
	"thresholds_minutes" integer[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "star_thresholds_count" CHECK (cardinality("star_thresholds"."thresholds_minutes") between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"volunteer_number" text,
	"status" "volunteer_status" DEFAULT 'pending' NOT NULL,
	"legal_name" text NOT NULL,
	"id_number_ciphertext" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text NOT NULL,
	"home_office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"service_office_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"emergency_contact_name" text NOT NULL,
	"emergency_contact_phone" text NOT NULL,
	"terms_version" text NOT NULL,
	"terms_accepted_at" timestamp with time zone NOT NULL,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"approved_minutes" integer DEFAULT 0 NOT NULL,
	"approved_records" integer DEFAULT 0 NOT NULL,
	"activities_served" integer DEFAULT 0 NOT NULL,
	"last_service_on" date,
	"star_level" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_profiles_gender" CHECK ("volunteer_profiles"."gender" in ('male', 'female')),
	CONSTRAINT "volunteer_profiles_number_when_approved" CHECK (("volunteer_profiles"."status" in ('approved', 'suspended')) = ("volunteer_profiles"."volunteer_number" is not null)),
	CONSTRAINT "volunteer_profiles_reject_reason" CHECK ("volunteer_profiles"."status" <> 'rejected' or length(trim("volunteer_profiles"."reject_reason")) > 0),
	CONSTRAINT "volunteer_profiles_totals_nonnegative" CHECK ("volunteer_profiles"."approved_minutes" >= 0 and "volunteer_profiles"."approved_records" >= 0 and "volunteer_profiles"."activities_served" >= 0 and "volunteer_profiles"."star_level" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "volunteer_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"certificate_number" text NOT NULL,
	"issued_by" text NOT NULL,
	"expires_on" date,
	"status" "qualification_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organizer_id_organizations_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_corrections" ADD CONSTRAINT "hour_corrections_hour_record_id_hour_records_id_fk" FOREIGN KEY ("hour_record_id") REFERENCES "public"."hour_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_corrections" ADD CONSTRAINT "hour_corrections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_corrections" ADD CONSTRAINT "hour_corrections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_issuer_id_organizations_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_level_events" ADD CONSTRAINT "star_level_events_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_thresholds" ADD CONSTRAINT "star_thresholds_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_thresholds" ADD CONSTRAINT "star_thresholds_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_home_office_id_organizations_id_fk" FOREIGN KEY ("home_office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_qualifications" ADD CONSTRAINT "volunteer_qualifications_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_qualifications" ADD CONSTRAINT "volunteer_qualifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "activities_office_idx" ON "activities" USING btree ("office_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_district_idx" ON "activities" USING btree ("district_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signups_unique" ON "activity_signups" USING btree ("activity_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "activity_signups_waitlist_idx" ON "activity_signups" USING btree ("activity_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "activity_signups_volunteer_idx" ON "activity_signups" USING btree ("volunteer_id","status");--> statement-breakpoint
CREATE INDEX "hour_corrections_record_idx" ON "hour_corrections" USING btree ("hour_record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hour_corrections_one_pending" ON "hour_corrections" USING btree ("hour_record_id") WHERE "hour_corrections"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "hour_records_volunteer_idx" ON "hour_records" USING btree ("volunteer_id","service_date");--> statement-breakpoint
CREATE INDEX "hour_records_review_idx" ON "hour_records" USING btree ("office_id","status","created_at");--> statement-breakpoint
CREATE INDEX "hour_records_district_idx" ON "hour_records" USING btree ("district_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "hour_records_one_checkin_per_activity" ON "hour_records" USING btree ("activity_id","volunteer_id") WHERE "hour_records"."kind" = 'system';--> statement-breakpoint
CREATE UNIQUE INDEX "service_certificates_number_unique" ON "service_certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_certificates_volunteer_idx" ON "service_certificates" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "star_level_events_volunteer_idx" ON "star_level_events" USING btree ("volunteer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_number_unique" ON "volunteer_profiles" USING btree ("volunteer_number");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_id_number_unique" ON "volunteer_profiles" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_office_idx" ON "volunteer_profiles" USING btree ("home_office_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_district_idx" ON "volunteer_profiles" USING btree ("district_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_qualifications_volunteer_idx" ON "volunteer_qualifications" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_qualifications_unique" ON "volunteer_qualifications" USING btree ("volunteer_id","kind","certificate_number");