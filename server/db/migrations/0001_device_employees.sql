CREATE TABLE "device_employees" (
	"device_id" text NOT NULL,
	"employee_id" text NOT NULL,
	"first_signed_in_at" text NOT NULL,
	"last_signed_in_at" text NOT NULL,
	CONSTRAINT "device_employees_device_id_employee_id_pk" PRIMARY KEY("device_id","employee_id")
);
--> statement-breakpoint
-- The employees who signed in on each device before this table existed: from their sessions and pushes.
INSERT INTO "device_employees" ("device_id", "employee_id", "first_signed_in_at", "last_signed_in_at")
SELECT "device_id", "employee_id", min("at"), max("at") FROM (
  SELECT "device_id", "employee_id", "created_at" AS "at" FROM "sessions"
  UNION ALL
  SELECT "device_id", "employee_id", "received_at" AS "at" FROM "outcomes"
) AS "signed_in"
GROUP BY "device_id", "employee_id"
ON CONFLICT DO NOTHING;
