import type { Regulation } from "./schema.js";

export class UnknownRegulationError extends Error {
  constructor(
    readonly regulationId: string,
    readonly version?: number,
  ) {
    super(version === undefined ? `Unknown regulation "${regulationId}"` : `Unknown regulation "${regulationId}" version ${version}`);
    this.name = "UnknownRegulationError";
  }
}

/**
 * All known regulation definitions, every version of each. The highest version of an id is its
 * "current" one (used for new cases); older versions stay reachable so that a case keeps the
 * definition it was opened under.
 */
export class RegulationCatalog {
  private readonly byId = new Map<string, Map<number, Regulation>>();

  constructor(regulations: Iterable<Regulation>) {
    for (const reg of regulations) {
      const versions = this.byId.get(reg.id) ?? new Map<number, Regulation>();
      if (versions.has(reg.version)) throw new Error(`Duplicate regulation "${reg.id}" version ${reg.version}`);
      versions.set(reg.version, reg);
      this.byId.set(reg.id, versions);
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The highest version of the regulation. */
  current(id: string): Regulation {
    const versions = this.byId.get(id);
    if (!versions) throw new UnknownRegulationError(id);
    return versions.get(Math.max(...versions.keys()))!;
  }

  get(id: string, version: number): Regulation {
    const reg = this.byId.get(id)?.get(version);
    if (!reg) throw new UnknownRegulationError(id, version);
    return reg;
  }

  /** Known versions of the regulation, ascending. */
  versions(id: string): number[] {
    const versions = this.byId.get(id);
    if (!versions) throw new UnknownRegulationError(id);
    return [...versions.keys()].sort((a, b) => a - b);
  }

  /** The current version of every regulation, ordered by id. */
  list(): Regulation[] {
    return [...this.byId.keys()].sort().map((id) => this.current(id));
  }
}
