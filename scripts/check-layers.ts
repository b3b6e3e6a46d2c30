/**
 * Fails when a layer imports the wrong way (DEVELOPERS.md):
 *   renderer → shared only (no Node, no db/, no electron/, no server/)
 *   shared   → nothing of Node, the DOM or other layers
 *   db       → shared;  electron → db, shared;  server → shared
 * and only electron/shell/ may import Electron itself, so all other code runs under plain Node.
 * It also keeps the single write path single: only db/write.ts (and db/sync-apply.ts for
 * the group server's state, db/meta.ts for device-local settings, db/blobs.ts for the
 * device's attachment bookkeeping, db/migrate.ts for schema) may write tables, and the
 * device-local writers only their own tables.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Violation {
  file: string;
  line: number;
  message: string;
}

type Layer = 'renderer' | 'shared' | 'db' | 'electron' | 'server';
const LAYERS: Layer[] = ['renderer', 'shared', 'db', 'electron', 'server'];
const ALLOWED: Record<Layer, Layer[]> = {
  renderer: ['renderer', 'shared'],
  shared: ['shared'],
  db: ['db', 'shared'],
  electron: ['electron', 'db', 'shared'],
  server: ['server', 'shared'],
};
/** npm packages a layer may not use even though they are installed. */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  renderer: /^(better-sqlite3|drizzle-orm|fastify|pg|@electric-sql|electron)(\/|$)/,
  shared: /^(better-sqlite3|drizzle-orm|fastify|pg|@electric-sql|electron|react|react-dom|antd|zustand)(\/|$)/,
};
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/**
 * The only files that write tables: the write path, the sync applier (the server's state,
 * beside the write path), device-local settings and the schema.
 */
const WRITERS = new Set(['db/write.ts', 'db/sync-apply.ts', 'db/meta.ts', 'db/blobs.ts', 'db/migrate.ts']);
/**
 * Writers of device-local bookkeeping may write their own table and nothing else (by its SQL
 * name or its drizzle table's name); a write whose table cannot be read off the text is refused.
 */
const OWN_TABLES: Record<string, readonly string[]> = {
  'db/meta.ts': ['meta'],
  'db/blobs.ts': ['local_blobs', 'localBlobs'],
};
/** DOM globals shared code must not touch (it also runs in Node and the sync worker). */
const DOM_GLOBALS = /\b(window|document|localStorage|sessionStorage|navigator|HTMLElement)\s*[.[(]/;

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
/** A drizzle write chain (`.insert(table).values(…)`, `.update(t).set(…)`, `.delete(t).where(…)`), across lines. */
const DRIZZLE_WRITE_RE =
  /\.\s*(insert|update|delete)\s*\(\s*([\w.$]+)\s*\)\s*\.\s*(values|set|where|run|returning|onConflict\w*)\s*\(/g;
/** Raw SQL that writes. */
const SQL_WRITE_RE = /\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO)\b/i;
/** The keyword of a raw SQL write and what follows it (the table, when it is written out). */
const SQL_WRITE_TARGET_RE = /\b(INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE)\s+(\S+)/gi;

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.(ts|tsx|cts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function layerOf(root: string, file: string): Layer | undefined {
  const top = relative(root, file).split(sep)[0];
  return LAYERS.find((l) => l === top);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const layer of LAYERS) {
    let files: string[];
    try {
      files = sourceFiles(join(root, layer));
    } catch {
      continue;
    }
    for (const file of files) {
      const rel = relative(root, file).split(sep).join('/');
      const text = readFileSync(file, 'utf8');
      const isTest = /\.test\.tsx?$/.test(rel) || rel.includes('/testing/');
      for (const match of text.matchAll(IMPORT_RE)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        const line = lineOf(text, match.index ?? 0);
        const report = (message: string) => violations.push({ file: rel, line, message });
        if (spec.startsWith('.')) {
          const target = layerOf(root, resolve(dirname(file), spec));
          if (target && !ALLOWED[layer].includes(target)) report(`${layer}/ must not import ${target}/ ('${spec}')`);
          if (!target) report(`${layer}/ imports outside the layers ('${spec}')`);
          continue;
        }
        if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
          if ((layer === 'renderer' || layer === 'shared') && !(isTest && layer === 'shared'))
            report(`${layer}/ must not import Node ('${spec}')`);
          continue;
        }
        if (spec === 'electron' && !(layer === 'electron' && rel.startsWith('electron/shell/'))) {
          report(`only electron/shell/ may import Electron; '${rel}' must run under plain Node`);
        }
        if (FORBIDDEN_PACKAGES[layer]?.test(spec) && !(isTest && spec === 'vitest'))
          report(`${layer}/ must not import '${spec}'`);
      }
      if (layer === 'shared' && !isTest) {
        text.split('\n').forEach((lineText, i) => {
          if (DOM_GLOBALS.test(lineText) && !lineText.trim().startsWith('//') && !lineText.trim().startsWith('*')) {
            violations.push({ file: rel, line: i + 1, message: 'shared/ must not use DOM globals' });
          }
        });
      }
      const own = OWN_TABLES[rel];
      if (own && !isTest) {
        const report = (index: number, table: string) =>
          violations.push({
            file: rel,
            line: lineOf(text, index),
            message: `may write only ${own[0]} (writes ${table || 'a table it does not name'})`,
          });
        for (const match of text.matchAll(DRIZZLE_WRITE_RE)) {
          const table = match[2] ?? '';
          if (!own.includes(table)) report(match.index ?? 0, table);
        }
        for (const match of text.matchAll(SQL_WRITE_TARGET_RE)) {
          const keyword = (match[1] ?? '').toUpperCase();
          // The table as written out (a name built at run time, "${…}", reads as none).
          const table = /^["`]?([A-Za-z_]\w*)(?![\w$])/.exec(match[2] ?? '')?.[1] ?? '';
          // "ON CONFLICT … DO UPDATE SET" updates the row being inserted; an UPDATE without SET is prose.
          if (
            keyword === 'UPDATE' &&
            (table.toUpperCase() === 'SET' || !/^\s*SET\b/i.test(text.slice((match.index ?? 0) + match[0].length)))
          )
            continue;
          const lineStart = text.lastIndexOf('\n', match.index ?? 0) + 1;
          if (/^\s*(\/\/|\*)/.test(text.slice(lineStart, match.index ?? 0))) continue;
          if (!own.includes(table)) report(match.index ?? 0, table);
        }
      }
      if (layer !== 'renderer' && layer !== 'shared' && !isTest && !WRITERS.has(rel) && !rel.startsWith('server/')) {
        const report = (index: number) =>
          violations.push({
            file: rel,
            line: lineOf(text, index),
            message: 'writes a table outside the write path (db/write.ts)',
          });
        for (const match of text.matchAll(DRIZZLE_WRITE_RE)) report(match.index ?? 0);
        text.split('\n').forEach((lineText, i) => {
          if (SQL_WRITE_RE.test(lineText) && !/^\s*(\/\/|\*)/.test(lineText)) {
            violations.push({ file: rel, line: i + 1, message: 'writes a table outside the write path (db/write.ts)' });
          }
        });
      }
    }
  }
  return violations;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const violations = checkLayers(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  ${v.message}`);
  console.log(violations.length === 0 ? 'layers: ok' : `layers: ${violations.length} violation(s)`);
  process.exit(violations.length === 0 ? 0 : 1);
}
