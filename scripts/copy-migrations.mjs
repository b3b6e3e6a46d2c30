#!/usr/bin/env node
// The compiled main process reads migrations beside db/migrate.js, as in the source tree.
import { cpSync } from 'node:fs';
cpSync('db/migrations', 'dist/db/migrations', { recursive: true });
