import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CallInput, CallName, CallResult } from '../../shared/api/contract.js';
import { ApiCallError } from '../../shared/api/client.js';
import { tempDir } from '../../db/testing/temp-db.js';
import { openHost, type HostOptions, type SiteDeskHost } from '../host/app.js';
import { fileKeyStore } from '../host/keys.js';

/** A real host (encrypted SQLite file, real services) in a temp folder, called through the dispatcher. */
export interface TempHost {
  host: SiteDeskHost;
  dir: string;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<K>>;
  /** The error a call fails with; fails the test if the call succeeds. */
  failure<K extends CallName>(name: K, input: CallInput<K> | Record<string, unknown>): Promise<ApiCallError>;
  dispose(): void;
  /** Stops the sync (a worker, a round in progress) before closing, then removes the folder. */
  shutdown(): Promise<void>;
}

/**
 * `options` reach openHost: e.g. `{ sync: { mode: 'inline', transport } }` or
 * `{ serverUrl, sync: { mode: 'worker', intervalMs: 500 } }` for a host that syncs.
 */
export function tempHost(options: Partial<Omit<HostOptions, 'dataDir' | 'keyStore'>> = {}, dir = tempDir('sitedesk-host-')): TempHost {
  const host = openHost({
    dataDir: dir,
    keyStore: fileKeyStore(join(dir, 'sitedesk.key')),
    transport: 'http',
    log: (level, message, detail) => {
      if (level === 'error') console.error(message, detail);
    },
    ...options,
  });
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<K>> => {
    const envelope = await host.dispatch(name, input);
    if (!envelope.ok) throw new ApiCallError(envelope.error);
    return envelope.value as CallResult<K>;
  };
  return {
    host,
    dir,
    call,
    failure: async (name, input) => {
      const envelope = await host.dispatch(name, input);
      if (envelope.ok) throw new Error(`${name} was expected to fail but succeeded`);
      return new ApiCallError(envelope.error);
    },
    dispose: () => {
      host.close();
      rmSync(dir, { recursive: true, force: true });
    },
    shutdown: async () => {
      await host.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A region and a project to work in, as the admin would set them up. */
export async function withProject(
  h: TempHost,
  code = 'P01',
  name = '滨江花园',
): Promise<{ regionId: string; projectId: string }> {
  const regions = await h.call('org.regions', {});
  const region = regions[0] ?? (await h.call('org.createRegion', { code: 'EAST', name: '华东区域' }));
  const project = await h.call('org.createProject', { regionId: region.id, code, name, city: '杭州' });
  return { regionId: region.id, projectId: project.id };
}
