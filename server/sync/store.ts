import type { EntityName } from '../../shared/domain/audit.js';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol.js';
import type { ServerDb } from '../db/open.js';

/** Who is syncing: the signed-in employee on a registered device, with the projects granted now. */
export interface Principal {
  employeeId: string;
  employeeName: string;
  isAdmin: boolean;
  deviceId: string;
  projectIds: readonly string[];
}

/** A change the server itself makes (admin CLI, demo seed, customer identity merges). */
export interface ServerWrite {
  entity: EntityName;
  /** Minted when absent (create). */
  id?: string;
  projectId: string | null;
  op: 'create' | 'update' | 'delete';
  fields: Record<string, unknown>;
}

export class SyncStore {
  constructor(
    readonly db: ServerDb,
    readonly options: { node?: string; now?: () => number } = {},
  ) {}

  /** Projects the employee may see: live projectGrant records, or all with employee.allProjects. */
  async visibleProjects(_employeeId: string): Promise<string[]> {
    throw new Error('not yet');
  }

  async push(_principal: Principal, _request: PushRequest): Promise<PushResponse> {
    throw new Error('not yet');
  }

  async pull(_principal: Principal, _request: PullRequest): Promise<PullResponse> {
    throw new Error('not yet');
  }

  /** Writes changes as the server, published to feeds like any other; returns the ids written. */
  async writeAsServer(_actor: { id: string; name: string }, _writes: ServerWrite[]): Promise<string[]> {
    throw new Error('not yet');
  }
}
