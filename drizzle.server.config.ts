import { defineConfig } from 'drizzle-kit';

/** The group server's PostgreSQL schema and migrations (`npm run server:db:generate`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
