CREATE TABLE "investment_figures" (
	"division_code" char(6) NOT NULL,
	"period" char(7) NOT NULL,
	"kind" varchar(12) NOT NULL,
	"scope" varchar(64) NOT NULL,
	"year_cumulative" numeric(18, 4) NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_figures_division_code_period_kind_scope_pk" PRIMARY KEY("division_code","period","kind","scope")
);
--> statement-breakpoint
CREATE TABLE "monthly_report_funding" (
	"division_code" char(6) NOT NULL,
	"report_id" uuid NOT NULL,
	"source" varchar(16) NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	CONSTRAINT "monthly_report_funding_division_code_report_id_source_pk" PRIMARY KEY("division_code","report_id","source")
);
--> statement-breakpoint
CREATE TABLE "monthly_report_photos" (
	"division_code" char(6) NOT NULL,
	"report_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	CONSTRAINT "monthly_report_photos_division_code_report_id_document_id_pk" PRIMARY KEY("division_code","report_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"revision" smallint DEFAULT 1 NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"stage" varchar(16) NOT NULL,
	"preliminary_progress" text,
	"invested_this_period" numeric(18, 4) DEFAULT '0' NOT NULL,
	"year_cumulative" numeric(18, 4) DEFAULT '0' NOT NULL,
	"since_start_cumulative" numeric(18, 4) DEFAULT '0' NOT NULL,
	"progress_text" text,
	"progress_pct" smallint,
	"problems" text,
	"measures" text,
	"explanation" text,
	"revision_reason" text,
	"is_late" boolean DEFAULT false NOT NULL,
	"submitted_by" uuid,
	"submitted_by_name" varchar(64),
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_by_name" varchar(64),
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "monthly_reports_division_code_id_pk" PRIMARY KEY("division_code","id"),
	CONSTRAINT "monthly_reports_revision_key" UNIQUE("division_code","project_id","period","revision")
);
--> statement-breakpoint
CREATE TABLE "period_reopen_requests" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"period" char(7) NOT NULL,
	"reason" text NOT NULL,
	"status" varchar(12) DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" varchar(64) NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by_name" varchar(64),
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	CONSTRAINT "period_reopen_requests_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE TABLE "report_lateness" (
	"division_code" char(6) NOT NULL,
	"period" char(7) NOT NULL,
	"project_id" uuid NOT NULL,
	"department_id" uuid,
	"kind" varchar(8) NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_lateness_division_code_period_project_id_pk" PRIMARY KEY("division_code","period","project_id")
);
--> statement-breakpoint
CREATE TABLE "reporting_periods" (
	"division_code" char(6) NOT NULL,
	"period" char(7) NOT NULL,
	"label" varchar(16) NOT NULL,
	"first_month" smallint NOT NULL,
	"last_month" smallint NOT NULL,
	"deadline" date NOT NULL,
	"summary_due" date NOT NULL,
	"status" varchar(8) DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_name" varchar(64),
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reporting_periods_division_code_period_pk" PRIMARY KEY("division_code","period")
);
--> statement-breakpoint
CREATE TABLE "reporting_settings" (
	"division_code" char(6) PRIMARY KEY NOT NULL,
	"deadline_day" smallint DEFAULT 20 NOT NULL,
	"summary_day" smallint DEFAULT 10 NOT NULL,
	"combine_jan_feb" boolean DEFAULT true NOT NULL,
	"lag_margin_pct" smallint DEFAULT 20 NOT NULL,
	"idle_months" smallint DEFAULT 2 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "monthly_reports_period_status_idx" ON "monthly_reports" USING btree ("division_code","period","status");--> statement-breakpoint
CREATE INDEX "monthly_reports_project_idx" ON "monthly_reports" USING btree ("division_code","project_id","period");--> statement-breakpoint
CREATE INDEX "report_lateness_department_idx" ON "report_lateness" USING btree ("division_code","department_id");