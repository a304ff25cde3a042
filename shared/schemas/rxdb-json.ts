// Turns a collection's zod definition into the JSON schema RxDB 17 accepts, and checks RxDB's own
// rules here (not at database creation on a register) so a bad schema fails in a unit test.
import { z } from 'zod';
import { DomainError } from '../errors';

export type JsonSchema = { readonly [key: string]: unknown };

export type IndexSpec = string | readonly string[];

/** The subset of RxDB's `RxJsonSchema` these definitions produce; cast to RxJsonSchema<T> at the call site. */
export interface RxSchemaShape {
  readonly title: string;
  readonly description: string;
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
  readonly indexes: readonly IndexSpec[];
  readonly additionalProperties: false;
}

const SchemaBuildError = { RXDB_RULE: 'SCHEMA_RXDB_RULE' } as const;

// RxDB's field-name rule and the names RxDocument already uses for its own API.
const FIELD_NAME = /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/;
const RESERVED = new Set([
  'collection',
  'primary',
  'primaryPath',
  'revision',
  'deleted',
  'get',
  'populate',
  'update',
  'modify',
  'patch',
  'remove',
  'close',
  'synced',
  'toJSON',
  'toMutableJSON',
  'getLatest',
  'properties',
]);

function fail(collection: string, message: string): never {
  throw new DomainError(SchemaBuildError.RXDB_RULE, `Schema "${collection}": ${message}`, { collection });
}

function checkNames(collection: string, node: unknown, path: string): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkNames(collection, child, `${path}[${i}]`));
    return;
  }
  const record = node as Record<string, unknown>;
  const props = record['properties'];
  if (props && typeof props === 'object') {
    for (const name of Object.keys(props)) {
      if (!FIELD_NAME.test(name))
        fail(collection, `field "${path}${name}" does not match RxDB's name rule ${FIELD_NAME.source}.`);
      if (path === '' && RESERVED.has(name))
        fail(collection, `top-level field "${name}" clashes with an RxDocument property.`);
      checkNames(collection, (props as Record<string, unknown>)[name], `${path}${name}.`);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) {
    if (key in record) checkNames(collection, record[key], path);
  }
}

function checkIndexField(
  collection: string,
  field: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[],
): JsonSchema {
  const part = properties[field];
  if (!part) fail(collection, `index field "${field}" is not a top-level property.`);
  if (!required.includes(field))
    fail(collection, `index field "${field}" must be required (RxDB cannot index a missing value).`);
  const type = part['type'];
  if (type === 'string') {
    const values = part['enum'];
    if (part['maxLength'] === undefined && Array.isArray(values)) {
      // An enum's longest value bounds its length; RxDB still wants the number spelled out.
      return { ...part, maxLength: Math.max(...values.map((v) => String(v).length)) };
    }
    const max = part['maxLength'];
    if (typeof max !== 'number' || max > 2048)
      fail(collection, `indexed string "${field}" needs a maxLength of at most 2048.`);
    return part;
  }
  if (type === 'integer' || type === 'number') {
    if (typeof part['minimum'] !== 'number' || typeof part['maximum'] !== 'number') {
      fail(collection, `indexed number "${field}" needs a finite minimum and maximum.`);
    }
    // RxDB builds index strings from numbers and needs their precision; integers are multiples of 1.
    if (part['multipleOf'] === undefined && type === 'integer') return { ...part, multipleOf: 1 };
    if (part['multipleOf'] === undefined) fail(collection, `indexed number "${field}" needs multipleOf.`);
    return part;
  }
  if (type === 'boolean') return part;
  return fail(
    collection,
    `index field "${field}" has type ${JSON.stringify(type)}; RxDB indexes only strings, numbers and booleans.`,
  );
}

export function toRxSchema(
  collection: string,
  description: string,
  source: z.ZodType,
  indexes: readonly IndexSpec[],
  version = 0,
): RxSchemaShape {
  if (!Number.isSafeInteger(version) || version < 0) fail(collection, 'the version is a whole number from 0 up.');
  const generated = z.toJSONSchema(source, { target: 'draft-07', unrepresentable: 'throw' }) as Record<string, unknown>;
  if (generated['type'] !== 'object' || !generated['properties']) {
    fail(collection, 'the storage shape must be one object with properties (RxDB has no top-level unions).');
  }
  const properties = { ...(generated['properties'] as Record<string, JsonSchema>) };
  const required = (generated['required'] as string[] | undefined) ?? [];
  const id = properties['id'];
  if (!id || id['type'] !== 'string' || typeof id['maxLength'] !== 'number' || !required.includes('id')) {
    fail(collection, 'needs a required string "id" with a maxLength (the primary key).');
  }
  if (!properties['updatedAt']) fail(collection, 'every document carries "updatedAt".');
  checkNames(collection, generated, '');
  for (const index of indexes) {
    for (const field of typeof index === 'string' ? [index] : index) {
      if (field === 'id') fail(collection, 'the primary key is indexed already; do not list "id".');
      properties[field] = checkIndexField(collection, field, properties, required);
    }
  }
  return {
    title: collection,
    description,
    version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes,
    additionalProperties: false,
  };
}
