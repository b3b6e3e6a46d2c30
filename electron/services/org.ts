import { getMeta, setMeta } from '../../db/meta.js';
import {
  employeeGrants,
  findEmployeeByAccount,
  findProjectByCode,
  findRegionByCode,
  getEmployee,
  getProject,
  listEmployees,
  listProjects,
  listRegions,
} from '../../db/queries/org.js';
import type { Handlers } from '../../shared/api/contract.js';
import type { Project } from '../../shared/domain/org.js';
import { AppError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { ServiceContext } from './context.js';

type OrgHandlers = Pick<
  Handlers,
  | 'org.regions'
  | 'org.createRegion'
  | 'org.updateRegion'
  | 'org.projects'
  | 'org.createProject'
  | 'org.updateProject'
  | 'org.employees'
  | 'org.createEmployee'
  | 'org.updateEmployee'
  | 'org.grants'
  | 'org.setGrants'
  | 'session.get'
  | 'session.setProject'
>;

export const CURRENT_PROJECT = 'session.projectId';

/**
 * The projects the operator may see. Until sign-in arrives with the group server, the
 * device's local administrator sees all; an employee sees the granted ones.
 */
export function visibleProjects(ctx: ServiceContext): Project[] {
  const operator = ctx.info().operator;
  const employee = getEmployee(ctx.db, operator.id);
  if (!employee || employee.allProjects) return listProjects(ctx.db);
  return listProjects(
    ctx.db,
    employeeGrants(ctx.db, employee.id).map((g) => g.projectId),
  );
}

export function visibleProjectIds(ctx: ServiceContext): string[] {
  return visibleProjects(ctx).map((p) => p.id);
}

/** Refuses work on a project the operator may not see, whatever the client sent. */
export function assertProjectVisible(ctx: ServiceContext, projectId: string): Project {
  const project = visibleProjects(ctx).find((p) => p.id === projectId);
  if (!project) throw new AppError('PROJECT_NOT_VISIBLE');
  return project;
}

function duplicateCode(field: string, code: string): AppError {
  return new AppError('DUPLICATE_CODE', `编码“${code}”已被使用`, { [field]: `编码“${code}”已被使用` });
}

export function orgHandlers(ctx: ServiceContext): OrgHandlers {
  return {
    'org.regions': () => listRegions(ctx.db),
    'org.createRegion': ({ code, name }) =>
      ctx.writer.transaction((tx) => {
        if (findRegionByCode(ctx.db, code)) throw duplicateCode('code', code);
        return tx.create('region', { projectId: null, code, name, sortOrder: listRegions(ctx.db).length + 1 });
      }),
    'org.updateRegion': ({ id, name }) => ctx.writer.transaction((tx) => tx.update('region', id, { name })),

    'org.projects': () => visibleProjects(ctx),
    'org.createProject': (input) =>
      ctx.writer.transaction((tx) => {
        tx.get('region', input.regionId);
        if (findProjectByCode(ctx.db, input.code)) throw duplicateCode('code', input.code);
        // A project's own row belongs to the project, like everything in it.
        const id = uuidv7();
        return tx.create('project', { ...input, id, projectId: id, sortOrder: listProjects(ctx.db).length + 1 });
      }),
    'org.updateProject': ({ id, ...patch }) =>
      ctx.writer.transaction((tx) => {
        if (findProjectByCode(ctx.db, patch.code, id)) throw duplicateCode('code', patch.code);
        tx.get('region', patch.regionId);
        return tx.update('project', id, patch);
      }),

    'org.employees': (args) => listEmployees(ctx.db, args),
    'org.createEmployee': (input) =>
      ctx.writer.transaction((tx) => {
        if (findEmployeeByAccount(ctx.db, input.account)) {
          throw new AppError('DUPLICATE_CODE', `账号“${input.account}”已存在`, { account: `账号“${input.account}”已存在` });
        }
        return tx.create('employee', { ...input, projectId: null });
      }),
    'org.updateEmployee': ({ id, ...patch }) => ctx.writer.transaction((tx) => tx.update('employee', id, patch)),
    'org.grants': ({ employeeId }) => {
      if (!getEmployee(ctx.db, employeeId)) throw new AppError('NOT_FOUND');
      return employeeGrants(ctx.db, employeeId).map((g) => g.projectId);
    },
    'org.setGrants': ({ employeeId, projectIds }) =>
      ctx.writer.transaction((tx) => {
        tx.get('employee', employeeId);
        const wanted = new Set(projectIds);
        const current = employeeGrants(ctx.db, employeeId);
        for (const grant of current) if (!wanted.has(grant.projectId)) tx.remove('projectGrant', grant.id);
        const have = new Set(current.map((g) => g.projectId));
        for (const projectId of wanted) {
          if (have.has(projectId)) continue;
          if (!getProject(ctx.db, projectId)) throw new AppError('NOT_FOUND', '所选项目不存在');
          tx.create('projectGrant', { projectId, employeeId });
        }
        return { projectIds: [...wanted] };
      }),

    'session.get': () => {
      const projects = visibleProjects(ctx);
      const saved = getMeta(ctx.db, CURRENT_PROJECT);
      const current = projects.find((p) => p.id === saved) ?? projects[0] ?? null;
      if (ctx.session) ctx.session.projectId = current?.id ?? null;
      return { operator: ctx.info().operator, projects, currentProjectId: current?.id ?? null };
    },
    'session.setProject': ({ projectId }) => {
      assertProjectVisible(ctx, projectId);
      setMeta(ctx.db, CURRENT_PROJECT, projectId);
      if (ctx.session) ctx.session.projectId = projectId;
      return { currentProjectId: projectId };
    },
  };
}
