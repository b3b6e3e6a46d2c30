/**
 * The inspector's side of the crash test (../crash.test.ts): opens the real database file of a
 * data folder, as the app does, and records an inspection's items one tap at a time, printing
 * `recorded <item id> <result>` after each tap has returned. The test kills this process with
 * SIGKILL in the middle and then looks for every item it reported.
 *
 * Usage: node --import tsx crash-child.ts <data dir> <inspection id> [pause ms between taps]
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openHost } from '../../../host/app.js';
import { fileKeyStore } from '../../../host/keys.js';
import type { InspectionView } from '../../../../shared/api/calls/handover.js';

const [dir, inspectionId, pause = '2'] = process.argv.slice(2);
if (!dir || !inspectionId) {
  console.error('usage: crash-child.ts <data dir> <inspection id> [pause ms]');
  process.exit(2);
}
const host = openHost({
  dataDir: dir,
  keyStore: fileKeyStore(join(dir, 'sitedesk.key')),
  transport: 'http',
  sync: false,
  log: () => undefined,
});
const opened = await host.dispatch('inspection.view', { id: inspectionId });
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(1);
}
const results = ['pass', 'fail', 'na'] as const;
const items = (opened.value as InspectionView).items;
console.log(`ready ${items.length}`);
for (const [i, item] of items.entries()) {
  const result = results[i % results.length]!;
  const answer = await host.dispatch('inspection.setItem', { id: item.id, result, remark: `第${i + 1}项` });
  if (!answer.ok) {
    console.error(answer.error.message);
    process.exit(1);
  }
  console.log(`recorded ${item.id} ${result}`);
  await sleep(Number(pause));
}
console.log('done');
host.close();
