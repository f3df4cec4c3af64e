export const VIEWS_SCHEMA = 'views';
