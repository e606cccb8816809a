CREATE TABLE "rule_settings" (
	"division_code" char(6) NOT NULL,
	"rule_set" varchar(64) NOT NULL,
	"version" integer NOT NULL,
	"value" jsonb NOT NULL,
	"note" varchar(200),
	"saved_by" uuid,
	"saved_by_name" varchar(64) NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_settings_division_code_rule_set_version_pk" PRIMARY KEY("division_code","rule_set","version")
);
--> statement-breakpoint
CREATE TABLE "record_transitions" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_kind" varchar(32) NOT NULL,
	"record_id" varchar(64) NOT NULL,
	"from_state" varchar(24),
	"to_state" varchar(24) NOT NULL,
	"action" varchar(32) NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"actor_name" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_transitions_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
CREATE INDEX "record_transitions_record_idx" ON "record_transitions" USING btree ("division_code","record_kind","record_id","at");