import { generateOpenApi } from '@ts-rest/open-api';
import { z } from 'zod';
import { activityOperationIds } from './activity-contract.js';
import { analystOperationIds } from './analyst-contract.js';
import { restContract } from './contract.js';
import { identityOperationIds } from './identity-contract.js';
import { insightsOperationIds } from './insights-contract.js';
import { typeNullableSchemas } from './openapi-nullable.js';
import { queryOperationIds } from './query-contract.js';
import { viewsOperationIds } from './views-contract.js';

const operationIds: Record<string, string> = {
  ...insightsOperationIds,
  ...queryOperationIds,
  ...analystOperationIds,
  ...activityOperationIds,
  ...viewsOperationIds,
  ...identityOperationIds,
};

type JsonSchema = Record<string, unknown>;

function pointRefsAtComponents(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/(?:definitions|\$defs)\//g, '"#/components/schemas/'));
}

/**
 * Turns zod schemas into OpenAPI 3.0 schemas. Schemas with a `meta({ id })` become shared components referenced
 * by `$ref`, the way PostHog's document names `Insight`, `UserBasic` and friends.
 */
function createSchemaTransformer(components: Record<string, JsonSchema>) {
  return ({ schema, type }: { schema: unknown; type: string }): JsonSchema | null => {
    if (!(schema instanceof z.ZodType)) return null;
    const json = z.toJSONSchema(schema, {
      target: 'openapi-3.0',
      io: type === 'response' ? 'output' : 'input',
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema> };
    const { $defs, definitions, ...rest } = json;
    for (const [name, definition] of Object.entries({ ...definitions, ...$defs })) {
      components[name] = pointRefsAtComponents(definition);
    }
    return pointRefsAtComponents(rest);
  };
}

/**
 * Operations whose every answer is an error (DELETE of an insight: hard delete is refused, 405) are served but not
 * offered: a client generated from the document has nothing to call them for.
 */
function withoutRefusalOnlyOperations(paths: Record<string, Record<string, JsonSchema>>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).filter(([, operation]) =>
          Object.keys((operation.responses as JsonSchema | undefined) ?? {}).some((status) => status.startsWith('2')),
        ),
      ),
    ]),
  );
}

/** The OpenAPI 3 document of the REST contract, with PostHog's operation ids and real schemas. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {};
  const document = generateOpenApi(
    restContract,
    {
      info: { title: 'Insights API (PostHog-compatible)', version: '1.0.0' },
      servers: [{ url: '/', description: 'The server that serves this document' }],
      components: { securitySchemes: { PersonalAPIKeyAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ PersonalAPIKeyAuth: [] }],
    },
    {
      setOperationId: true,
      schemaTransformer: createSchemaTransformer(schemas) as never,
      operationMapper: (operation, _route, id) => ({ ...operation, operationId: operationIds[id] ?? id }),
    },
  ) as unknown as {
    components: { schemas?: Record<string, JsonSchema> };
    paths: Record<string, Record<string, JsonSchema>>;
  } & Record<string, unknown>;
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  document.components.schemas = typeNullableSchemas(sorted, sorted) as Record<string, JsonSchema>;
  document.paths = typeNullableSchemas(withoutRefusalOnlyOperations(document.paths), sorted) as typeof document.paths;
  return document;
}
