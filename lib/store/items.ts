import { unmarshall } from '@aws-sdk/util-dynamodb';
import type * as z from 'zod';

/** The schema version stamped on every item; bump it (and map old items) when an item's shape changes. */
export const SCHEMA_VERSION = 1;

/** What an item is, stamped on it so that readers (and people reading a table dump) never guess from its key. */
export type EntityName = 'article' | 'body' | 'layout' | 'claim' | 'review' | 'lshEntry' | 'matchLink' | 'linkSummary' | 'stats' | 'migration';

export type Item = Record<string, unknown>;

/** A stored item: its keys, its entity and schema version, then its fields. */
export function stamped(entity: EntityName, keys: Item, fields: object): Item {
  return { ...fields, ...keys, entity, v: SCHEMA_VERSION };
}

const fieldsOf = new WeakMap<z.ZodObject, string[]>();

/**
 * The fields of `item` that `schema` names, and no other: the allow-list between storage and the API, so an attribute
 * kept only for storage (keys, index keys, leases, versions, …) can never reach a response.
 */
export function allowed<S extends z.ZodObject>(schema: S, item: Item): z.infer<S> {
  let fields = fieldsOf.get(schema);
  if (!fields) fieldsOf.set(schema, (fields = Object.keys(schema.shape)));
  const out: Item = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out as z.infer<S>;
}

/** An item handed back by a failed condition (ReturnValuesOnConditionCheckFailure), which the SDK leaves marshalled. */
export function returnedItem(item: Record<string, unknown> | undefined): Item | undefined {
  return item ? unmarshall(item as Parameters<typeof unmarshall>[0]) : undefined;
}
