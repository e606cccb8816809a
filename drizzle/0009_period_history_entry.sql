ALTER TABLE "monthly_reports" ADD COLUMN "is_history_entry" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "period_reopen_requests" ADD COLUMN "approver_kind" varchar(12) DEFAULT 'unit' NOT NULL;--> statement-breakpoint
ALTER TABLE "period_reopen_requests" ADD COLUMN "approver_division_code" char(6);--> statement-breakpoint
ALTER TABLE "period_reopen_requests" ADD COLUMN "approver_label" varchar(200);--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD COLUMN "history_entry" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD COLUMN "history_entry_by_name" varchar(64);--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD COLUMN "history_entry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD COLUMN "history_entry_reason" text;