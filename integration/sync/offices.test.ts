/**
 * Offices and the group server, end to end: real hosts (encrypted SQLite, real services,
 * the real sync engine over HTTP) against the real server on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract.js';
import { SyncWorld, type Office } from '../harness/world.js';

let world: SyncWorld;
let projects: Record<string, string>;
let seq = 0;

/** A valid 身份证 number, different on every call (GB 11643 check digit). */
function residentId(): string {
  seq++;
  const body = `11010519${String(70 + (seq % 30)).padStart(2, '0')}0${(seq % 9) + 1}${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + (seq % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function personInput(name: string, idNumber: string, phone: string): CallInput<'customer.create'> {
  return { kind: 'person', name, idType: 'resident', idNumber, phones: [{ number: phone }], acknowledgeDuplicates: true };
}

async function inProject(office: Office, code: string): Promise<string> {
  const projectId = projects[code]!;
  await office.call('session.setProject', { projectId });
  return projectId;
}

async function room(office: Office, projectId: string, code: string) {
  return office.call('resource.create', {
    projectId,
    parentId: null,
    kind: 'room',
    code,
    name: code,
    status: 'unsold',
  } as CallInput<'resource.create'>);
}

beforeAll(async () => {
  world = await SyncWorld.start();
  projects = await world.organisation(['SH01', 'HZ01']);
  await world.employee('front-a', '前台甲', ['SH01']);
  await world.employee('front-b', '前台乙', ['SH01']);
  await world.employee('front-c', '前台丙', ['HZ01']);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('two offices of one project', () => {
  it('both receive what the other entered, and the organisation from the server', async () => {
    const a = await world.office('A', 'front-a');
    const b = await world.office('B', 'front-b');
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const customer = await a.call('customer.create', personInput('张建国', residentId(), '13800138001'));
    const r = await room(a, projectId, '1-1-0101');
    await a.sync();
    await b.sync();
    const seen = await b.call('customer.view', { id: customer.id });
    expect(seen.customer.name).toBe('张建国');
    const card = await b.call('resource.card', { id: r.id });
    expect(card.resource.code).toBe('1-1-0101');
    expect((await b.call('sync.status', {})).pendingChanges).toBe(0);
  });
});
