CREATE TABLE `vitals` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`visit_id` text,
	`loinc_code` text NOT NULL,
	`name` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`taken_at` text NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vitals_patient_idx` ON `vitals` (`patient_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `audit_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject_key` text NOT NULL,
	`trigger_seq` integer NOT NULL,
	`event_count` integer NOT NULL,
	`window_start` text NOT NULL,
	`created_at` text NOT NULL,
	`acknowledged_by_staff_id` text,
	`acknowledged_at` text
);
--> statement-breakpoint
CREATE INDEX `audit_alerts_created_idx` ON `audit_alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_alerts_subject_idx` ON `audit_alerts` (`kind`,`subject_key`,`window_start`);--> statement-breakpoint
CREATE TABLE `audit_prune_markers` (
	`through_seq` integer PRIMARY KEY NOT NULL,
	`through_hash` text NOT NULL,
	`pruned_at` text NOT NULL,
	`retention_days` integer NOT NULL,
	`deleted_count` integer NOT NULL,
	`jws` text NOT NULL,
	`key_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`reviewer_staff_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`first_seq` integer,
	`last_seq` integer,
	`event_count` integer NOT NULL,
	`alert_count` integer NOT NULL,
	`break_glass_count` integer NOT NULL,
	`note` text,
	`signed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `activation_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`issued_by_staff_id` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activation_codes_hash_idx` ON `activation_codes` (`code_hash`);--> statement-breakpoint
CREATE TABLE `message_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`thread_id` text,
	`subject` text,
	`body` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_drafts_person_idx` ON `message_drafts` (`person_id`,`patient_id`);--> statement-breakpoint
CREATE TABLE `proxy_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`invited_by_person_id` text,
	`invited_by_staff_id` text,
	`email` text NOT NULL,
	`kind` text NOT NULL,
	`scopes` text NOT NULL,
	`legal_basis` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`accepted_by_person_id` text,
	`revoked_at` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proxy_invitations_token_idx` ON `proxy_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `proxy_invitations_patient_idx` ON `proxy_invitations` (`patient_id`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_person_idx` ON `recovery_codes` (`person_id`);--> statement-breakpoint
CREATE TABLE `break_glass_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`reason` text NOT NULL,
	`started_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ended_at` text,
	`review_outcome` text,
	`reviewed_by_staff_id` text,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `break_glass_grants_staff_idx` ON `break_glass_grants` (`staff_id`,`patient_id`);--> statement-breakpoint
CREATE INDEX `break_glass_grants_review_idx` ON `break_glass_grants` (`review_outcome`,`started_at`);--> statement-breakpoint
CREATE TABLE `proxy_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`proxy_person_id` text NOT NULL,
	`scope` text NOT NULL,
	`granted_by_person_id` text,
	`recorded_by_staff_id` text,
	`granted_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proxy_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proxy_consents_patient_idx` ON `proxy_consents` (`patient_id`,`proxy_person_id`);--> statement-breakpoint
ALTER TABLE `people` ADD `proxy_blocked_since` text;--> statement-breakpoint
ALTER TABLE `relationships` ADD `restricted_scopes` text;--> statement-breakpoint
ALTER TABLE `relationships` ADD `approved_by_staff_id` text;--> statement-breakpoint
ALTER TABLE `relationships` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `sensitivity` text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `statement_lines` ADD `sensitivity` text DEFAULT 'normal' NOT NULL;