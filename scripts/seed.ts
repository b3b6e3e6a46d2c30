/**
 * `npm run seed`: a realistic group in a data folder, written through the real services and
 * the write path. Options: --seed N (default 1), --scale F (default 1.0), --dir PATH
 * (default .sitedesk-data-seed), --force to replace an existing database there.
 * Open the result with `SITEDESK_DATA_DIR=<dir> npm run web`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_SCALE, seedDatabase } from '../bench/seed/generate.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    scale: { type: 'string', default: '1' },
    dir: { type: 'string', default: '.sitedesk-data-seed' },
    force: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const scale = Number(values.scale);
if (!Number.isInteger(seed) || !(scale > 0 && scale <= 10)) {
  console.error('用法: npm run seed -- [--seed 整数] [--scale 0.05…10] [--dir 目录] [--force]');
  process.exit(2);
}
const dir = resolve(values.dir);
console.log(
  `生成数据: seed ${seed}, scale ${scale} → ${dir}\n目标: ${FULL_SCALE.regions} 区域, ${FULL_SCALE.projects} 项目, ` +
    `${Math.round(FULL_SCALE.holdables * scale).toLocaleString()} 房间与车位, ${Math.round(FULL_SCALE.customers * scale).toLocaleString()} 客户, ` +
    `${Math.round(FULL_SCALE.relations * scale).toLocaleString()} 关系`,
);
try {
  const t = seedDatabase({ dir, seed, scale, force: values.force, log: (line) => console.log(line) });
  console.log(
    [
      '完成:',
      `  区域 ${t.regions}, 项目 ${t.projects}, 楼栋 ${t.buildings}, 房间 ${t.rooms.toLocaleString()}, 车位 ${t.parking.toLocaleString()}`,
      `  客户 ${t.customers.toLocaleString()} (单位 ${t.companies.toLocaleString()}), 电话 ${t.phones.toLocaleString()}, 车辆 ${t.vehicles.toLocaleString()} (新能源 ${t.newEnergyVehicles.toLocaleString()})`,
      `  关系 ${t.relations.toLocaleString()} (${Object.entries(t.relationsByRole)
        .map(([role, n]) => `${role} ${n.toLocaleString()}`)
        .join(', ')}), 房态更新 ${t.statusUpdates.toLocaleString()}`,
      `  修改记录 (change_log) ${t.changeLog.toLocaleString()} 条, 数据库 ${(t.databaseBytes / 2 ** 20).toFixed(0)} MiB`,
      `  用时 ${t.seconds.toFixed(1)} s (${Object.entries(t.phaseSeconds)
        .map(([p, s]) => `${p} ${s.toFixed(1)} s`)
        .join(', ')})`,
    ].join('\n'),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
