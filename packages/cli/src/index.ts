export { MAIN_USAGE, run } from './run.js';
