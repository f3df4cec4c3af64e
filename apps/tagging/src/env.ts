import { parseServiceEnv } from '@insights/transport';

export const readTaggingEnv = (env: NodeJS.ProcessEnv = process.env) => parseServiceEnv('tagging', env);
