CREATE TABLE "division_maps" (
	"division_code" char(6) PRIMARY KEY NOT NULL,
	"name_property" varchar(32) DEFAULT 'name' NOT NULL,
	"geojson" jsonb NOT NULL,
	"uploaded_by_name" varchar(64),
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
