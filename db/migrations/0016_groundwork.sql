CREATE TYPE "public"."calendar_day_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_name_not_blank" CHECK (length(trim("calendar_days"."name")) between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"leased_by" text,
	"lease_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text,
	"run_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "job_runs_run_count" CHECK ("job_runs"."run_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rate_limit_counters_bucket_key_window_start_pk" PRIMARY KEY("bucket","key","window_start"),
	CONSTRAINT "rate_limit_counters_hits" CHECK ("rate_limit_counters"."hits" >= 1),
	CONSTRAINT "rate_limit_counters_window" CHECK ("rate_limit_counters"."window_end" > "rate_limit_counters"."window_start")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_user_id_key_pk" PRIMARY KEY("user_id","key"),
	CONSTRAINT "form_submissions_key_shape" CHECK ("form_submissions"."key" ~ '^[A-Za-z0-9_-]{16,64}$')
);
--> statement-breakpoint
CREATE TABLE "known_devices" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_devices_id_is_sha256" CHECK ("known_devices"."id" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "person_in_charge" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "two_factor_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_devices" ADD CONSTRAINT "known_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_days_kind_idx" ON "calendar_days" USING btree ("kind","day");--> statement-breakpoint
CREATE INDEX "rate_limit_counters_window_end_idx" ON "rate_limit_counters" USING btree ("window_end");--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "known_devices_user_idx" ON "known_devices" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_id_district_unique" UNIQUE("id","district_id");--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_office_district_fk" FOREIGN KEY ("home_office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_profiles_service_offices_gin" ON "volunteer_profiles" USING gin ("service_office_ids");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_skills_gin" ON "volunteer_profiles" USING gin ("skills");