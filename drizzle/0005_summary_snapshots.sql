CREATE TABLE "summary_snapshots" (
	"division_code" char(6) NOT NULL,
	"period" char(7) NOT NULL,
	"scope_key" varchar(80) NOT NULL,
	"summary" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "summary_snapshots_division_code_period_scope_key_pk" PRIMARY KEY("division_code","period","scope_key")
);
