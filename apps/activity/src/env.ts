import { parseServiceEnv } from '@insights/transport';

export const readActivityEnv = (env: NodeJS.ProcessEnv = process.env) => parseServiceEnv('activity', env);
