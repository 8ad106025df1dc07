/** JSON Schema from a zod/mini schema; loaded lazily: only docs and schema output need it. */
import { toJSONSchema } from 'zod/mini';

export function jsonSchemaOf(schema: unknown): unknown {
  return toJSONSchema(schema as Parameters<typeof toJSONSchema>[0]);
}
