export { generateApiTypes } from './generate-api-types.js';
export { typecheckSources } from './typecheck-sources.js';
