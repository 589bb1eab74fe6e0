/**
 * Host-side loading of the data files the analysis core needs (entity model, gazetteers).
 * The core does no I/O; the server and the CLI load these once and pass them in.
 * (Placeholder until the trained model lands: no resources yet.)
 */
import type { EntityResources } from './analysis/entities/index';

let cached: EntityResources | undefined;

/** Load (once) and return the entity resources from `dataDir` (default: the shipped `data/`). */
export function loadEntityResources(dataDir?: string): EntityResources {
  void dataDir;
  cached ??= {};
  return cached;
}

/** Same as `loadEntityResources`, without blocking the caller's current turn. */
export async function loadEntityResourcesAsync(dataDir?: string): Promise<EntityResources> {
  await new Promise(resolve => setImmediate(resolve));
  return loadEntityResources(dataDir);
}
