CREATE TABLE "accounts" (
	"employee_id" text PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"password_hash" text NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"disabled_at" text,
	CONSTRAINT "accounts_account_unique" UNIQUE("account")
);
--> statement-breakpoint
CREATE TABLE "blob_chunks" (
	"hash" text NOT NULL,
	"offset" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "blob_chunks_hash_offset_pk" PRIMARY KEY("hash","offset")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"hash" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"received" bigint NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_projects" (
	"customer_id" text NOT NULL,
	"project_id" text NOT NULL,
	CONSTRAINT "customer_projects_customer_id_project_id_pk" PRIMARY KEY("customer_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "device_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"used_at" text,
	"used_by_device" text
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"registered_at" text NOT NULL,
	"registered_by" text NOT NULL,
	"revoked_at" text,
	"last_seen_at" text,
	CONSTRAINT "devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "feed" (
	"scope" text NOT NULL,
	"seq" bigint NOT NULL,
	"change_id" text NOT NULL,
	"tx_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"project_id" text,
	"op" text NOT NULL,
	"fields" jsonb NOT NULL,
	"old" jsonb NOT NULL,
	"clocks" jsonb,
	"hlc" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"device_id" text NOT NULL,
	"at" text NOT NULL,
	"record" jsonb NOT NULL,
	CONSTRAINT "feed_scope_seq_pk" PRIMARY KEY("scope","seq")
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"change_id" text PRIMARY KEY NOT NULL,
	"tx_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"device_id" text NOT NULL,
	"employee_id" text NOT NULL,
	"received_at" text NOT NULL,
	"change" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"project_key" text NOT NULL,
	"entity" text NOT NULL,
	"id" text NOT NULL,
	"project_id" text,
	"fields" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "records_project_key_entity_id_pk" PRIMARY KEY("project_key","entity","id")
);
--> statement-breakpoint
CREATE TABLE "scopes" (
	"scope" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"device_id" text NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_projects_project_idx" ON "customer_projects" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "outcomes_tx_idx" ON "outcomes" USING btree ("tx_id");--> statement-breakpoint
CREATE UNIQUE INDEX "records_entity_id_idx" ON "records" USING btree ("entity","id");--> statement-breakpoint
CREATE INDEX "records_customer_ref_idx" ON "records" USING btree ("entity",("fields"->>'customerId'));--> statement-breakpoint
CREATE INDEX "records_resource_ref_idx" ON "records" USING btree ("project_key","entity",("fields"->>'resourceId'));--> statement-breakpoint
CREATE INDEX "records_id_key_idx" ON "records" USING btree (("fields"->>'idKey')) WHERE "records"."entity" = 'customer';--> statement-breakpoint
CREATE INDEX "records_employee_ref_idx" ON "records" USING btree ("entity",("fields"->>'employeeId'));--> statement-breakpoint
CREATE INDEX "records_member_ref_idx" ON "records" USING btree ("entity",("fields"->>'memberId'));