CREATE TABLE `defect_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`defect_id` text NOT NULL,
	`stage` text DEFAULT 'before' NOT NULL,
	`hash` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`taken_at` text
);
--> statement-breakpoint
CREATE INDEX `defect_photos_defect_idx` ON `defect_photos` (`defect_id`);--> statement-breakpoint
CREATE TABLE `defect_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`defect_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `defect_steps_defect_idx` ON `defect_steps` (`defect_id`);--> statement-breakpoint
CREATE TABLE `defects` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`resource_id` text NOT NULL,
	`inspection_id` text NOT NULL,
	`item_id` text,
	`area` text NOT NULL,
	`pin_x` real,
	`pin_y` real,
	`category_id` text,
	`description` text NOT NULL,
	`severity` text DEFAULT 'minor' NOT NULL,
	`contractor` text DEFAULT '' NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `defects_resource_idx` ON `defects` (`resource_id`,`status`);--> statement-breakpoint
CREATE INDEX `defects_inspection_idx` ON `defects` (`inspection_id`);--> statement-breakpoint
CREATE INDEX `defects_status_idx` ON `defects` (`project_id`,`status`);--> statement-breakpoint
CREATE TABLE `handed_items` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`inspection_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`signed` integer DEFAULT false NOT NULL,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handed_items_inspection_idx` ON `handed_items` (`inspection_id`);--> statement-breakpoint
CREATE TABLE `handover_appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`resource_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`date` text NOT NULL,
	`slot` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`rescheduled_to` text,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handover_appointments_day_idx` ON `handover_appointments` (`project_id`,`date`,`slot`);--> statement-breakpoint
CREATE INDEX `handover_appointments_handover_idx` ON `handover_appointments` (`handover_id`);--> statement-breakpoint
CREATE TABLE `handover_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`planned_start` text NOT NULL,
	`planned_end` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `handover_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`inspection_id` text NOT NULL,
	`version` integer NOT NULL,
	`hash` text NOT NULL,
	`size` integer NOT NULL,
	`content_hash` text NOT NULL,
	`pages` integer NOT NULL,
	`finalized_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handover_reports_inspection_idx` ON `handover_reports` (`inspection_id`,`version`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`batch_id` text NOT NULL,
	`resource_id` text NOT NULL,
	`buyers` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`outcome_on` text,
	`outcome_inspection_id` text,
	`refusal_reason` text DEFAULT '' NOT NULL,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handovers_batch_idx` ON `handovers` (`batch_id`);--> statement-breakpoint
CREATE INDEX `handovers_resource_idx` ON `handovers` (`resource_id`);--> statement-breakpoint
CREATE TABLE `inspection_items` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`inspection_id` text NOT NULL,
	`area` text NOT NULL,
	`name` text NOT NULL,
	`seq` integer NOT NULL,
	`result` text,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inspection_items_inspection_idx` ON `inspection_items` (`inspection_id`,`seq`);--> statement-breakpoint
CREATE TABLE `inspection_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`family_id` text NOT NULL,
	`name` text NOT NULL,
	`house_type` text DEFAULT '' NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`areas` text NOT NULL,
	`floor_plan_hash` text,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inspection_templates_family_idx` ON `inspection_templates` (`family_id`,`version`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`resource_id` text NOT NULL,
	`handover_id` text,
	`kind` text NOT NULL,
	`customer_id` text,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`started_at` text NOT NULL,
	`completed_at` text,
	`outcome` text,
	`outcome_on` text,
	`refusal_reason` text DEFAULT '' NOT NULL,
	`owner_signature_hash` text,
	`owner_signed_at` text,
	`owner_signer_name` text DEFAULT '' NOT NULL,
	`staff_signature_hash` text,
	`staff_signed_at` text,
	`staff_signer_name` text DEFAULT '' NOT NULL,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inspections_resource_idx` ON `inspections` (`resource_id`);--> statement-breakpoint
CREATE INDEX `inspections_handover_idx` ON `inspections` (`handover_id`);--> statement-breakpoint
CREATE TABLE `meter_readings` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`inspection_id` text NOT NULL,
	`meter` text NOT NULL,
	`reading` real NOT NULL,
	`photo_hash` text,
	`read_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meter_readings_inspection_idx` ON `meter_readings` (`inspection_id`);