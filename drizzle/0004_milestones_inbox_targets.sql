CREATE TABLE "milestones" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"planned_date" date NOT NULL,
	"actual_date" date,
	"owner_name" varchar(64) NOT NULL,
	"owner_user_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"title" varchar(200) NOT NULL,
	"body" text NOT NULL,
	"link" varchar(300),
	"dedupe_key" varchar(200) NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "notifications_user_dedupe_key" UNIQUE("division_code","user_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "target_allocations" (
	"division_code" char(6) NOT NULL,
	"target_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"value" numeric(18, 4) NOT NULL,
	CONSTRAINT "target_allocations_division_code_target_id_unit_id_pk" PRIMARY KEY("division_code","target_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" smallint NOT NULL,
	"key" varchar(32) NOT NULL,
	"label" varchar(64) NOT NULL,
	"unit" varchar(8) NOT NULL,
	"value" numeric(18, 4) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_name" varchar(64),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "targets_division_year_key" UNIQUE("division_code","year","key")
);
--> statement-breakpoint
CREATE INDEX "milestones_project_idx" ON "milestones" USING btree ("division_code","project_id","sort_order");--> statement-breakpoint
CREATE INDEX "milestones_open_planned_idx" ON "milestones" USING btree ("division_code","planned_date") WHERE actual_date is null;--> statement-breakpoint
CREATE INDEX "milestones_id_idx" ON "milestones" USING btree ("id");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("division_code","user_id","created_at");