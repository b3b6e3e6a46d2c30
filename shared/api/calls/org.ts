import { z } from '../../validation.js';
import { call } from '../define.js';
import { pagingInput, type Page } from '../../domain/paging.js';
import { employeeInput, projectInput, regionInput, type Employee, type Project, type Region } from '../../domain/org.js';
import { idSchema } from '../../domain/dictionaries.js';
import type { Actor } from '../../domain/audit.js';

export interface Session {
  operator: Actor;
  /** The projects this operator may see. */
  projects: Project[];
  currentProjectId: string | null;
}

export const orgCalls = {
  'org.regions': call<Region[]>()({ input: z.object({}) }),
  'org.createRegion': call<Region>()({ input: regionInput, errors: ['DUPLICATE_CODE'] }),
  'org.updateRegion': call<Region>()({ input: z.object({ id: idSchema, name: regionInput.shape.name }), errors: ['NOT_FOUND'] }),
  'org.projects': call<Project[]>()({ input: z.object({}) }),
  'org.createProject': call<Project>()({ input: projectInput, errors: ['DUPLICATE_CODE', 'NOT_FOUND'] }),
  'org.updateProject': call<Project>()({ input: projectInput.extend({ id: idSchema }), errors: ['DUPLICATE_CODE', 'NOT_FOUND'] }),
  'org.employees': call<Page<Employee>>()({
    input: z.object({ query: z.string().max(50).optional(), ...pagingInput }),
  }),
  'org.createEmployee': call<Employee>()({ input: employeeInput, errors: ['DUPLICATE_CODE'] }),
  'org.updateEmployee': call<Employee>()({
    input: employeeInput.omit({ account: true }).extend({ id: idSchema }),
    errors: ['NOT_FOUND'],
  }),
  'org.grants': call<string[]>()({ input: z.object({ employeeId: idSchema }), errors: ['NOT_FOUND'] }),
  'org.setGrants': call<{ projectIds: string[] }>()({
    input: z.object({ employeeId: idSchema, projectIds: z.array(idSchema).max(500) }),
    errors: ['NOT_FOUND'],
  }),
  'session.get': call<Session>()({ input: z.object({}) }),
  'session.setProject': call<{ currentProjectId: string }>()({
    input: z.object({ projectId: idSchema }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
} as const;
