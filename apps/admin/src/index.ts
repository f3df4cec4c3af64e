export { type AdminOutcome, AdminSession } from './admin-session.js';
export { readAdminEnv } from './env.js';
