/**
 * What a module made at start (a cache, an index, a connection pool) and lends to handlers, reachable by a typed key:
 * the core and the dispatcher carry the registry without knowing what is in it.
 */
export interface ServiceKey<T> {
  readonly name: string;
  /** Never set: carries the service's type to `get`. */
  readonly __type?: T;
}

export function serviceKey<T>(name: string): ServiceKey<T> {
  return { name };
}

export class Services {
  private readonly byKey = new Map<ServiceKey<unknown>, unknown>();

  provide<T>(key: ServiceKey<T>, service: T): void {
    if (this.byKey.has(key)) throw new Error(`service ${key.name} is provided twice`);
    this.byKey.set(key, service);
  }

  get<T>(key: ServiceKey<T>): T {
    if (!this.byKey.has(key)) throw new Error(`service ${key.name} was not started (is its module in src/main/modules/index.ts?)`);
    return this.byKey.get(key) as T;
  }
}
