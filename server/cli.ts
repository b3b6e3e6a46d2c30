import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDeviceCode, listDevices, revokeDevice } from './accounts/devices.js';
import {
  createEmployee,
  grantProject,
  listEmployees,
  revokeGrant,
  setDisabled,
  setPassword,
  type EmployeeContext,
} from './accounts/employees.js';
import { actorOf, createProject, createRegion } from './admin/org.js';
import { seedDemo } from './admin/seed.js';
import { AdminError } from './errors.js';
import { configFromEnv, main as serve, openConfiguredDb } from './main.js';
import { SyncStore } from './sync/store.js';

/**
 * `npm run server` starts the group server; `npm run server -- admin <command> …` runs an
 * administrator command against the same database (DATABASE_URL, or the PGlite folder,
 * which the running server must not hold at the same time).
 */
type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** A password not given with --password (read from stdin, so it stays out of the shell history). */
  readSecret(prompt: string): Promise<string>;
}

interface Command {
  usage: string;
  options: OptionSpec;
  required?: string[];
  run(ctx: EmployeeContext, values: Values, io: CliIo): Promise<void>;
}

const str = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
const req = (values: Values, name: string): string => str(values, name) ?? '';

async function password(values: Values, io: CliIo): Promise<string> {
  return str(values, 'password') ?? (await io.readSecret('密码: '));
}

const S = { type: 'string' } as const;
const B = { type: 'boolean' } as const;

export const COMMANDS: Record<string, Command> = {
  'create-region': {
    usage: 'create-region --code <编码> --name <名称>',
    options: { code: S, name: S },
    required: ['code', 'name'],
    async run(ctx, v, io) {
      io.out(`区域已创建: ${await createRegion(ctx, { code: req(v, 'code'), name: req(v, 'name') })}`);
    },
  },
  'create-project': {
    usage: 'create-project --region <区域编码|编号> --code <编码> --name <名称> [--city] [--address] [--status selling]',
    options: { region: S, code: S, name: S, city: S, address: S, status: S },
    required: ['region', 'code', 'name'],
    async run(ctx, v, io) {
      const id = await createProject(ctx, {
        region: req(v, 'region'),
        code: req(v, 'code'),
        name: req(v, 'name'),
        city: str(v, 'city'),
        address: str(v, 'address'),
        status: str(v, 'status'),
      });
      io.out(`项目已创建: ${id}`);
    },
  },
  'create-employee': {
    usage:
      'create-employee --account <账号> --name <姓名> [--phone] [--department] [--password <密码>] [--admin] [--all-projects]',
    options: { account: S, name: S, phone: S, department: S, password: S, admin: B, 'all-projects': B },
    required: ['account', 'name'],
    async run(ctx, v, io) {
      const { employeeId, account } = await createEmployee(ctx, {
        account: req(v, 'account'),
        name: req(v, 'name'),
        phone: str(v, 'phone'),
        department: str(v, 'department'),
        password: await password(v, io),
        isAdmin: v.admin === true,
        allProjects: v['all-projects'] === true,
      });
      io.out(`员工已创建: ${account} (${employeeId})`);
    },
  },
  'set-password': {
    usage: 'set-password --account <账号> [--password <密码>]',
    options: { account: S, password: S },
    required: ['account'],
    async run(ctx, v, io) {
      await setPassword(ctx, req(v, 'account'), await password(v, io));
      io.out(`密码已更新，${req(v, 'account')} 须在各设备上重新登录`);
    },
  },
  'disable-employee': {
    usage: 'disable-employee --account <账号>',
    options: { account: S },
    required: ['account'],
    async run(ctx, v, io) {
      await setDisabled(ctx, req(v, 'account'), true);
      io.out(`账号已停用: ${req(v, 'account')}`);
    },
  },
  'enable-employee': {
    usage: 'enable-employee --account <账号>',
    options: { account: S },
    required: ['account'],
    async run(ctx, v, io) {
      await setDisabled(ctx, req(v, 'account'), false);
      io.out(`账号已启用: ${req(v, 'account')}`);
    },
  },
  'list-employees': {
    usage: 'list-employees',
    options: {},
    async run(ctx, _v, io) {
      for (const e of await listEmployees(ctx.db)) {
        const flags = [e.isAdmin ? '管理员' : '', e.allProjects ? '全部项目' : '', e.disabledAt ? `已停用 ${e.disabledAt}` : '']
          .filter(Boolean)
          .join(' ');
        io.out(`${e.account}\t${e.name}\t${e.employeeId}${flags ? `\t${flags}` : ''}`);
      }
    },
  },
  grant: {
    usage: 'grant --account <账号> --project <项目编码|编号>',
    options: { account: S, project: S },
    required: ['account', 'project'],
    async run(ctx, v, io) {
      const id = await grantProject(ctx, req(v, 'account'), req(v, 'project'));
      io.out(
        id ? `已授权: ${req(v, 'account')} → ${req(v, 'project')}` : `${req(v, 'account')} 已有项目 ${req(v, 'project')} 的权限`,
      );
    },
  },
  'revoke-grant': {
    usage: 'revoke-grant --account <账号> --project <项目编码|编号>',
    options: { account: S, project: S },
    required: ['account', 'project'],
    async run(ctx, v, io) {
      const n = await revokeGrant(ctx, req(v, 'account'), req(v, 'project'));
      io.out(
        n
          ? `已收回: ${req(v, 'account')} → ${req(v, 'project')}（下次同步时生效）`
          : `${req(v, 'account')} 本无项目 ${req(v, 'project')} 的权限`,
      );
    },
  },
  'device-code': {
    usage: 'device-code [--days 7]',
    options: { days: S },
    async run(ctx, v, io) {
      const days = str(v, 'days');
      if (days !== undefined && !/^\d+(\.\d+)?$/.test(days)) throw new AdminError('--days 须为天数');
      const { code, expiresAt } = await createDeviceCode(ctx.db, {
        createdBy: actorOf(ctx).id,
        days: days === undefined ? undefined : Number(days),
        now: ctx.now?.(),
      });
      io.out(code);
      io.out(`一次性设备登记码，有效期至 ${expiresAt}`);
    },
  },
  'list-devices': {
    usage: 'list-devices',
    options: {},
    async run(ctx, _v, io) {
      const devices = await listDevices(ctx.db);
      if (devices.length === 0) io.out('（尚无登记的设备）');
      for (const d of devices) {
        const state = d.revokedAt ? `已停用 ${d.revokedAt}` : '在用';
        io.out(`${d.id}\t${d.name}\t登记 ${d.registeredAt}\t最近 ${d.lastSeenAt ?? '-'}\t${state}`);
      }
    },
  },
  'revoke-device': {
    usage: 'revoke-device --id <设备编号>',
    options: { id: S },
    required: ['id'],
    async run(ctx, v, io) {
      const result = await revokeDevice(ctx.db, req(v, 'id'), ctx.now?.());
      io.out(result === 'revoked' ? `设备已停用: ${req(v, 'id')}` : `设备早已停用: ${req(v, 'id')}`);
    },
  },
  'seed-demo': {
    usage: 'seed-demo',
    options: {},
    async run(ctx, _v, io) {
      for (const line of (await seedDemo(ctx)).lines) io.out(line);
    },
  },
};

export function usage(): string {
  return [
    '用法:',
    '  npm run server                      启动集团服务器',
    '  npm run server -- admin <命令> …     管理命令:',
    ...Object.values(COMMANDS).map((c) => `    ${c.usage}`),
    '',
    '数据库: DATABASE_URL=postgresql://… ，否则为 SITEDESK_SERVER_DATA（默认 .sitedesk-server/）中的内置 PGlite',
  ].join('\n');
}

/** Runs one admin command on an open database; returns the process exit code. */
export async function runAdminCommand(argv: string[], ctx: EmployeeContext, io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(`未知命令: ${name ?? ''}\n${usage()}`);
    return 2;
  }
  let values: Values;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n用法: ${command.usage}`);
    return 2;
  }
  const missing = (command.required ?? []).filter((o) => typeof values[o] !== 'string' || values[o] === '');
  if (missing.length) {
    io.err(`缺少 ${missing.map((o) => `--${o}`).join(', ')}\n用法: ${command.usage}`);
    return 2;
  }
  try {
    await command.run(ctx, values, io);
    return 0;
  } catch (error) {
    if (error instanceof AdminError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function readStdinLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readSecret: readStdinLine,
};

export async function cli(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'serve') {
    await serve();
    return -1; // keeps running
  }
  if (argv[0] !== 'admin') {
    io.err(usage());
    return 2;
  }
  const command = argv[1];
  if (command === undefined || command === 'help') {
    io.out(usage());
    return 0;
  }
  if (!COMMANDS[command]) {
    io.err(`未知命令: ${command}\n${usage()}`);
    return 2;
  }
  const db = await openConfiguredDb(configFromEnv());
  try {
    return await runAdminCommand(argv.slice(1), { db: db.db, store: new SyncStore(db.db) }, io);
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const code = await cli(process.argv.slice(2));
    if (code >= 0) process.exit(code);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}
