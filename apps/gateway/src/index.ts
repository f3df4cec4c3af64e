export { pageNumberLinks } from './render/page-links.js';
