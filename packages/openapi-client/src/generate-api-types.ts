import { buildOpenApiDocument } from '@insights/contracts';
import openapiTS, { astToString } from 'openapi-typescript';

/** The `paths`, `components` and `operations` types openapi-typescript makes of our OpenAPI document, as source text. */
export async function generateApiTypes(): Promise<string> {
  const document = buildOpenApiDocument() as unknown as Parameters<typeof openapiTS>[0];
  return astToString(await openapiTS(document));
}
