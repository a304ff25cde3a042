// One definition per collection: the zod schema is the source of truth; the TypeScript type and
// the RxDB JSON schema are derived from it.
import type { z } from 'zod';
import { type IndexSpec, type RxSchemaShape, toRxSchema } from './rxdb-json';

export interface CollectionDefinition<Name extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: Name;
  /** Runtime validation (server push, seed import). Strict: unknown keys are refused. */
  readonly validator: S;
  readonly rxSchema: RxSchemaShape;
  /** The object shape the JSON schema was made from (the validator itself when it is one object). */
  readonly storageShape: z.ZodType;
}

interface DefineOptions<S extends z.ZodType> {
  description: string;
  schema: S;
  indexes: readonly IndexSpec[];
  /**
   * Object shape used only to produce the JSON schema, for collections whose runtime schema is a
   * discriminated union (RxDB wants one object at the top). It must accept every valid document;
   * the schema tests parse each fixture with both.
   */
  storageShape?: z.ZodType;
}

export function defineCollection<Name extends string, S extends z.ZodType<{ id: string; updatedAt: string }>>(
  name: Name,
  options: DefineOptions<S>,
): CollectionDefinition<Name, S> {
  return {
    name,
    validator: options.schema,
    storageShape: options.storageShape ?? options.schema,
    rxSchema: toRxSchema(name, options.description, options.storageShape ?? options.schema, options.indexes),
  };
}

/** The document type of a collection definition. */
export type DocOf<D extends CollectionDefinition> = z.output<D['validator']>;
