import { briefs, vehicleBriefs } from '../../db/queries/customers.js';
import { currentRelationsOf, getResources, today } from '../../db/queries/resources.js';
import { matchCustomers, matchResources, matchVehicles } from '../../db/queries/search.js';
import type { Handlers } from '../../shared/api/contract.js';
import { OWNER_ROLES } from '../../shared/domain/relations.js';
import type { ServiceContext } from './context.js';
import { visibleProjects } from './org.js';

export function searchHandlers(ctx: ServiceContext): Pick<Handlers, 'search.omni'> {
  return {
    'search.omni': ({ query, limit }) => {
      const projects = visibleProjects(ctx);
      const projectNames = new Map(projects.map((p) => [p.id, p.name]));

      const customerMatches = matchCustomers(ctx.db, query, limit);
      const customerBriefs = new Map(
        briefs(
          ctx.db,
          customerMatches.map((m) => m.id),
        ).map((b) => [b.id, b]),
      );

      const resourceMatches = matchResources(ctx.db, query, [...projectNames.keys()], limit);
      const resources = new Map(
        getResources(
          ctx.db,
          resourceMatches.map((m) => m.id),
        ).map((r) => [r.id, r]),
      );
      const owners = new Map<string, string[]>();
      for (const rel of currentRelationsOf(ctx.db, [...resources.keys()], today())) {
        if (OWNER_ROLES.includes(rel.role)) owners.set(rel.resourceId, [...(owners.get(rel.resourceId) ?? []), rel.customerName]);
      }

      const vehicleMatches = matchVehicles(ctx.db, query, limit);
      const vehicles = new Map(
        vehicleBriefs(
          ctx.db,
          vehicleMatches.map((m) => m.id),
        ).map((v) => [v.id, v]),
      );

      return {
        customers: customerMatches.flatMap((m) => {
          const b = customerBriefs.get(m.id);
          return b ? [{ ...b, matched: m.matched }] : [];
        }),
        resources: resourceMatches.flatMap((m) => {
          const r = resources.get(m.id);
          if (!r) return [];
          return [
            {
              id: r.id,
              kind: r.kind,
              code: r.code,
              name: r.name,
              status: r.status,
              projectId: r.projectId ?? '',
              projectName: projectNames.get(r.projectId ?? '') ?? '',
              owners: owners.get(r.id) ?? [],
              matched: m.matched,
            },
          ];
        }),
        vehicles: vehicleMatches.flatMap((m) => {
          const v = vehicles.get(m.id);
          return v ? [{ ...v, matched: m.matched }] : [];
        }),
      };
    },
  };
}
