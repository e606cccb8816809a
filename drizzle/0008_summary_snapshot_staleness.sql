ALTER TABLE "summary_snapshots" ADD COLUMN "stale_reason" text;--> statement-breakpoint
ALTER TABLE "summary_snapshots" ADD COLUMN "recompute_reason" text;