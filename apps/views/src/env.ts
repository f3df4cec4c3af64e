import { parseServiceEnv } from '@insights/transport';

export const readViewsEnv = (env: NodeJS.ProcessEnv = process.env) => parseServiceEnv('views', env);
