CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`tx_id` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`changes` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`retry_tx_id` text
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_status_idx` ON `sync_conflicts` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_tx_idx` ON `sync_conflicts` (`tx_id`);--> statement-breakpoint
ALTER TABLE `change_log` ADD `context_project_id` text;--> statement-breakpoint
ALTER TABLE `change_log` ADD `rejected` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `change_log` ADD `conflict_id` text;--> statement-breakpoint
CREATE INDEX `change_log_pending_idx` ON `change_log` (`entity_id`) WHERE "change_log"."pushed_at" IS NULL;--> statement-breakpoint
CREATE INDEX `change_log_conflict_idx` ON `change_log` (`entity_id`,`conflict_id`) WHERE "change_log"."conflict_id" IS NOT NULL;