import { parseServiceEnv } from '@insights/transport';

export const readInsightsEnv = (env: NodeJS.ProcessEnv = process.env) => parseServiceEnv('insights', env);
