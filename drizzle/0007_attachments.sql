CREATE TABLE "attachments" (
	"division_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_kind" varchar(32) NOT NULL,
	"record_id" varchar(64) NOT NULL,
	"filename" varchar(200) NOT NULL,
	"media_type" varchar(100) NOT NULL,
	"size" bigint NOT NULL,
	"sha256" char(64) NOT NULL,
	"storage_key" varchar(200) NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" varchar(64) NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_division_code_id_pk" PRIMARY KEY("division_code","id")
);
--> statement-breakpoint
-- Project documents become attachments of record kind `project`, their ids kept: the site photos of
-- monthly reports link to them by (division_code, id), and the stored files keep their storage keys.
INSERT INTO "attachments" ("division_code", "id", "record_kind", "record_id", "filename", "media_type", "size", "sha256", "storage_key", "uploaded_by", "uploaded_by_name", "uploaded_at")
SELECT "division_code", "id", 'project', "project_id"::text, "filename", "media_type", "size", "sha256", "storage_key", "uploaded_by", "uploaded_by_name", "uploaded_at" FROM "project_documents";--> statement-breakpoint
DROP TABLE "project_documents" CASCADE;--> statement-breakpoint
CREATE INDEX "attachments_record_idx" ON "attachments" USING btree ("division_code","record_kind","record_id","uploaded_at");