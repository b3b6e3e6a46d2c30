import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, empty database on the real PostgreSQL that .ci/run installs and starts
 * (`SITEDESK_TEST_PG`, default the local cluster on 127.0.0.1 with the password .ci/run sets).
 * Each test file gets its own database, dropped at the end.
 */
export const TEST_PG_ADMIN_URL = process.env.SITEDESK_TEST_PG ?? 'postgresql://postgres:sitedesk@127.0.0.1:5432/postgres';

export interface TestPg {
  url: string;
  drop(): Promise<void>;
}

export async function createTestPg(): Promise<TestPg> {
  const name = `sitedesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
