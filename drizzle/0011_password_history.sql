CREATE TABLE "password_history" (
	"user_id" uuid NOT NULL,
	"password_hash" varchar(255) NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_history_user_id_changed_at_pk" PRIMARY KEY("user_id","changed_at")
);
