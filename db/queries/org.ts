import { and, asc, count, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Employee, Project, Region } from '../../shared/domain/org.js';
import type { Page } from '../../shared/domain/paging.js';
import type { SiteDb } from '../open.js';
import { employees, projectGrants, projects, regions } from '../schema.js';
import { containsPattern, offsetOf, toPage } from './paging.js';

export function listRegions(db: SiteDb): Region[] {
  return db.select().from(regions).where(isNull(regions.deletedAt)).orderBy(asc(regions.sortOrder), asc(regions.id)).all();
}

export function findRegionByCode(db: SiteDb, code: string, exceptId?: string): Region | undefined {
  const where = [isNull(regions.deletedAt), eq(regions.code, code)];
  if (exceptId) where.push(ne(regions.id, exceptId));
  return db
    .select()
    .from(regions)
    .where(and(...where))
    .get();
}

export function listProjects(db: SiteDb, onlyIds?: readonly string[]): Project[] {
  const where: SQL[] = [isNull(projects.deletedAt)];
  if (onlyIds) where.push(onlyIds.length ? inArray(projects.id, [...onlyIds]) : sql`0`);
  return db
    .select()
    .from(projects)
    .where(and(...where))
    .orderBy(asc(projects.sortOrder), asc(projects.id))
    .all();
}

export function getProject(db: SiteDb, id: string): Project | undefined {
  return db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
    .get();
}

export function findProjectByCode(db: SiteDb, code: string, exceptId?: string): Project | undefined {
  const where = [isNull(projects.deletedAt), eq(projects.code, code)];
  if (exceptId) where.push(ne(projects.id, exceptId));
  return db
    .select()
    .from(projects)
    .where(and(...where))
    .get();
}

export function listEmployees(db: SiteDb, f: { query?: string | undefined; page: number; pageSize: number }): Page<Employee> {
  const where: SQL[] = [isNull(employees.deletedAt)];
  if (f.query) {
    const pattern = containsPattern(f.query);
    where.push(or(sql`${employees.name} LIKE ${pattern} ESCAPE '\\'`, sql`${employees.account} LIKE ${pattern} ESCAPE '\\'`)!);
  }
  const condition = and(...where);
  const total = db.select({ n: count() }).from(employees).where(condition).get()?.n ?? 0;
  const items = db
    .select()
    .from(employees)
    .where(condition)
    .orderBy(asc(employees.account))
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .all();
  return toPage(items, total, f.page, f.pageSize);
}

export function getEmployee(db: SiteDb, id: string): Employee | undefined {
  return db
    .select()
    .from(employees)
    .where(and(eq(employees.id, id), isNull(employees.deletedAt)))
    .get();
}

export function findEmployeeByAccount(db: SiteDb, account: string, exceptId?: string): Employee | undefined {
  const where = [isNull(employees.deletedAt), eq(employees.account, account)];
  if (exceptId) where.push(ne(employees.id, exceptId));
  return db
    .select()
    .from(employees)
    .where(and(...where))
    .get();
}

export function employeeGrants(db: SiteDb, employeeId: string): { id: string; projectId: string }[] {
  return db
    .select({ id: projectGrants.id, projectId: projectGrants.projectId })
    .from(projectGrants)
    .where(and(eq(projectGrants.employeeId, employeeId), isNull(projectGrants.deletedAt)))
    .all()
    .map((g) => ({ id: g.id, projectId: g.projectId ?? '' }));
}

/** Names of the employees among these actor ids. */
export function employeeNames(db: SiteDb, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({ id: employees.id, name: employees.name })
    .from(employees)
    .where(inArray(employees.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}
