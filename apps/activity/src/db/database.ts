export const ACTIVITY_SCHEMA = 'activity';
