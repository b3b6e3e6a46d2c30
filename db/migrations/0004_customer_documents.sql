CREATE TABLE `customer_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`hash` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text DEFAULT '' NOT NULL,
	`taken_at` text,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_documents_customer_idx` ON `customer_documents` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_documents_hash_idx` ON `customer_documents` (`hash`);--> statement-breakpoint
CREATE TABLE `local_blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer,
	`mime` text,
	`created_at` text NOT NULL,
	`uploaded_at` text,
	`present` integer DEFAULT true NOT NULL,
	`last_error` text,
	`last_attempt_at` text
);
--> statement-breakpoint
CREATE INDEX `local_blobs_upload_idx` ON `local_blobs` (`created_at`) WHERE "local_blobs"."uploaded_at" IS NULL AND "local_blobs"."present" = 1;--> statement-breakpoint
CREATE INDEX `local_blobs_missing_idx` ON `local_blobs` (`created_at`) WHERE "local_blobs"."present" = 0;