import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResourceNode } from '../../../../shared/api/calls/resources.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';

/** The key of the project level: its children are the top-level resources. */
export const ROOT_KEY = 'root';

export interface LazyResourceTree {
  /** Children by parent id (ROOT_KEY for the top level), for the parents loaded so far. */
  children: ReadonlyMap<string, ResourceNode[]>;
  load: (parentKey: string) => Promise<void>;
  rootLoaded: boolean;
}

/**
 * A project's resource tree as it stood on a date, loaded a level at a time. A new project
 * or date starts again from the top; a new `version` (something changed) reloads every
 * level loaded so far, so what is open stays open.
 */
export function useResourceTree(projectId: string | null, on: string | null, version: number): LazyResourceTree {
  const [children, setChildren] = useState<ReadonlyMap<string, ResourceNode[]>>(new Map());
  const [rootLoaded, setRootLoaded] = useState(false);
  const generation = useRef(0);
  const loadedKeys = useRef<Set<string>>(new Set());

  const fetchLevel = useCallback(
    (parentKey: string) =>
      projectId
        ? api.call('resource.children', {
            projectId,
            parentId: parentKey === ROOT_KEY ? null : parentKey,
            on: on ?? undefined,
          })
        : Promise.resolve([]),
    [projectId, on],
  );

  const load = useCallback(
    async (parentKey: string) => {
      const ticket = generation.current;
      try {
        const nodes = await fetchLevel(parentKey);
        if (ticket !== generation.current) return;
        loadedKeys.current.add(parentKey);
        setChildren((prev) => new Map(prev).set(parentKey, nodes));
        if (parentKey === ROOT_KEY) setRootLoaded(true);
      } catch (error) {
        notifyError(error);
      }
    },
    [fetchLevel],
  );

  // Another project or date: a fresh tree.
  useEffect(() => {
    generation.current += 1;
    loadedKeys.current = new Set();
    setChildren(new Map());
    setRootLoaded(false);
    void load(ROOT_KEY);
  }, [load]);

  // Something changed: every level shown so far again.
  const seenVersion = useRef(version);
  useEffect(() => {
    if (version === seenVersion.current) return;
    seenVersion.current = version;
    const ticket = generation.current;
    const keys = [...loadedKeys.current];
    void Promise.all(keys.map(async (key) => [key, await fetchLevel(key)] as const))
      .then((levels) => {
        if (ticket !== generation.current) return;
        setChildren(new Map(levels));
      })
      .catch(notifyError);
  }, [version, fetchLevel]);

  return { children, load, rootLoaded };
}
