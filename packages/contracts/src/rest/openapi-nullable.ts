type JsonSchema = Record<string, unknown>;

const isSchema = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A schema's one type: its own, or the one all of its alternatives share; undefined when there is none. */
function soleType(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.type === 'string') return schema.type;
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  const types = new Set(alternatives?.map((alternative) => alternative.type));
  const [type] = types;
  return types.size === 1 && typeof type === 'string' ? type : undefined;
}

/**
 * OpenAPI 3.0 gives `nullable` a meaning only beside a `type`, and zod writes it alone for nullable references, unions
 * and unknowns. Rewrites each such schema so that it says the same thing validly: a nullable reference takes the type of
 * what it refers to (or the one its alternatives share); a union of one type becomes that type with the union's enums; a union of several types carries
 * `nullable` in each branch; an unknown (any JSON value, null included) drops it. Returns a new schema.
 */
export function typeNullableSchemas(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!isSchema(value)) return value;
    const node: JsonSchema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, visit(child)]));
    if (node.nullable !== true || 'type' in node) return node;
    const allOf = node.allOf as JsonSchema[] | undefined;
    const anyOf = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
    if (allOf?.length === 1 && typeof allOf[0]?.$ref === 'string') {
      const type = soleType(components[(allOf[0].$ref as string).split('/').pop() ?? '']);
      if (type) return { ...node, type };
    }
    if (anyOf && anyOf.length > 0) {
      const types = new Set(anyOf.map((branch) => branch.type));
      const [type] = types;
      const plain = anyOf.every((branch) => Object.keys(branch).every((key) => key === 'type' || key === 'enum'));
      if (types.size === 1 && typeof type === 'string' && plain) {
        const { anyOf: _any, oneOf: _one, ...rest } = node;
        const enums = anyOf.every((branch) => Array.isArray(branch.enum))
          ? { enum: anyOf.flatMap((branch) => branch.enum as unknown[]) }
          : {};
        return { ...rest, type, ...enums };
      }
      const { nullable: _nullable, ...rest } = node;
      const branches = anyOf.map((branch) => ('type' in branch ? { ...branch, nullable: true } : branch));
      return { ...rest, ...(node.anyOf ? { anyOf: branches } : { oneOf: branches }) };
    }
    if (!allOf && !anyOf && !('$ref' in node) && !('properties' in node) && !('items' in node)) {
      const { nullable: _nullable, ...rest } = node;
      return rest;
    }
    return node;
  };
  return visit(schema) as JsonSchema;
}
