CREATE TABLE "project_codes" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"division_code" char(6) NOT NULL,
	"project_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_funding" (
	"division_code" char(6) NOT NULL,
	"project_id" uuid NOT NULL,
	"source" varchar(16) NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"original_amount" numeric(20, 2),
	CONSTRAINT "project_funding_division_code_project_id_source_pk" PRIMARY KEY("division_code","project_id","source")
);
--> statement-breakpoint
CREATE TABLE "project_year_plans" (
	"division_code" char(6) NOT NULL,
	"project_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"planned" numeric(18, 4) NOT NULL,
	CONSTRAINT "project_year_plans_division_code_project_id_year_pk" PRIMARY KEY("division_code","project_id","year")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32),
	"code_kind" varchar(8),
	"reserve_no" varchar(32) NOT NULL,
	"name" varchar(200) NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"department_id" uuid,
	"township_id" uuid,
	"park_id" uuid,
	"sector" varchar(16) NOT NULL,
	"industry_code" char(2),
	"construction_nature" varchar(16) DEFAULT 'new' NOT NULL,
	"approval_type" varchar(16) DEFAULT 'government' NOT NULL,
	"scale_content" text,
	"total_investment" numeric(18, 4) NOT NULL,
	"planned_start" date,
	"planned_completion" date,
	"actual_start" date,
	"actual_completion" date,
	"stage" varchar(16) DEFAULT 'reserve' NOT NULL,
	"stage_before_suspension" varchar(16),
	"maturity" varchar(16) DEFAULT 'concept' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"leader_name" varchar(32),
	"leader_user_id" uuid,
	"longitude" numeric(9, 6),
	"latitude" numeric(9, 6),
	"remarks" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "projects_division_reserve_no_key" UNIQUE("division_code","reserve_no")
);
--> statement-breakpoint
CREATE TABLE "reserve_counters" (
	"division_code" char(6) NOT NULL,
	"year" smallint NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reserve_counters_division_code_year_pk" PRIMARY KEY("division_code","year")
);
--> statement-breakpoint
CREATE TABLE "saved_filters" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" varchar(64) NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_filters_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "saved_filters_user_name_key" UNIQUE("division_code","user_id","name")
);
--> statement-breakpoint
CREATE TABLE "stage_transitions" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage" varchar(16),
	"to_stage" varchar(16) NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"actor_name" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_transitions_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE TABLE "procedure_templates" (
	"division_code" char(6) NOT NULL,
	"approval_type" varchar(16) NOT NULL,
	"items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_templates_division_code_approval_type_pk" PRIMARY KEY("division_code","approval_type")
);
--> statement-breakpoint
CREATE TABLE "project_documents" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"filename" varchar(200) NOT NULL,
	"media_type" varchar(100) NOT NULL,
	"size" bigint NOT NULL,
	"sha256" char(64) NOT NULL,
	"storage_key" varchar(200) NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" varchar(64) NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_documents_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE TABLE "project_procedures" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"key" varchar(32) NOT NULL,
	"name" varchar(64) NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_required_for_start" boolean DEFAULT true NOT NULL,
	"status" varchar(16) DEFAULT 'not_started' NOT NULL,
	"approving_office" varchar(100),
	"approval_no" varchar(100),
	"approval_date" date,
	"responsible_person" varchar(32),
	"due_date" date,
	"blocking_problem" text,
	"waiver_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_procedures_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "project_procedures_project_key" UNIQUE("division_code","project_id","key")
);
--> statement-breakpoint
CREATE TABLE "libraries" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(64) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"owner_unit_id" uuid,
	"entry_criteria" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "libraries_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "libraries_division_name_key" UNIQUE("division_code","name")
);
--> statement-breakpoint
CREATE TABLE "library_memberships" (
	"division_code" char(6) NOT NULL,
	"library_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	CONSTRAINT "library_memberships_division_code_library_id_project_id_pk" PRIMARY KEY("division_code","library_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "library_requests" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"kind" varchar(8) NOT NULL,
	"status" varchar(12) DEFAULT 'pending' NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb,
	"submitted_by" uuid NOT NULL,
	"submitted_by_name" varchar(64) NOT NULL,
	"submitted_unit_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_by_name" varchar(64),
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "library_requests_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE INDEX "projects_id_idx" ON "projects" USING btree ("id");--> statement-breakpoint
CREATE INDEX "projects_search_grams_idx" ON "projects" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "projects_tags_idx" ON "projects" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "projects_division_stage_idx" ON "projects" USING btree ("division_code","stage");--> statement-breakpoint
CREATE INDEX "projects_division_department_idx" ON "projects" USING btree ("division_code","department_id");--> statement-breakpoint
CREATE INDEX "projects_division_township_idx" ON "projects" USING btree ("division_code","township_id");--> statement-breakpoint
CREATE INDEX "projects_division_owner_idx" ON "projects" USING btree ("division_code","owner_unit_id");--> statement-breakpoint
CREATE INDEX "projects_division_investment_idx" ON "projects" USING btree ("division_code","total_investment");--> statement-breakpoint
CREATE INDEX "projects_division_updated_idx" ON "projects" USING btree ("division_code","updated_at");--> statement-breakpoint
CREATE INDEX "stage_transitions_project_idx" ON "stage_transitions" USING btree ("division_code","project_id","at");--> statement-breakpoint
CREATE INDEX "project_documents_project_idx" ON "project_documents" USING btree ("division_code","project_id");--> statement-breakpoint
CREATE INDEX "project_procedures_key_status_idx" ON "project_procedures" USING btree ("division_code","key","status");--> statement-breakpoint
CREATE INDEX "library_memberships_project_idx" ON "library_memberships" USING btree ("division_code","project_id");--> statement-breakpoint
CREATE INDEX "library_requests_status_idx" ON "library_requests" USING btree ("division_code","status","submitted_at");--> statement-breakpoint
CREATE INDEX "library_requests_project_idx" ON "library_requests" USING btree ("division_code","project_id");