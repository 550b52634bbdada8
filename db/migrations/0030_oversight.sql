CREATE TABLE "oversight_figures" (
	"scope_kind" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"figure" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "oversight_figures_scope_id_period_kind_period_start_figure_dimension_pk" PRIMARY KEY("scope_id","period_kind","period_start","figure","dimension"),
	CONSTRAINT "oversight_figures_scope_kind" CHECK ("oversight_figures"."scope_kind" in ('office', 'district')),
	CONSTRAINT "oversight_figures_district_scope" CHECK ("oversight_figures"."scope_kind" <> 'district' or "oversight_figures"."scope_id" = "oversight_figures"."district_id"),
	CONSTRAINT "oversight_figures_period_kind" CHECK ("oversight_figures"."period_kind" in ('month', 'year', 'now')),
	CONSTRAINT "oversight_figures_figure_shape" CHECK ("oversight_figures"."figure" ~ '^[a-z]+\.[a-zA-Z0-9]+$'),
	CONSTRAINT "oversight_figures_value" CHECK ("oversight_figures"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "oversight_refreshes" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "oversight_refreshes_single" CHECK ("oversight_refreshes"."id" = 1),
	CONSTRAINT "oversight_refreshes_counts" CHECK ("oversight_refreshes"."version" >= 1 and "oversight_refreshes"."duration_ms" >= 0 and "oversight_refreshes"."row_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "oversight_figures" ADD CONSTRAINT "oversight_figures_scope_id_organizations_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_figures" ADD CONSTRAINT "oversight_figures_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oversight_figures_district_idx" ON "oversight_figures" USING btree ("district_id","period_kind","period_start");