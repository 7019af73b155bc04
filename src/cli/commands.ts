// Entry of the dist/doctor.cjs bundle: the commands the start-up path loads on demand.
export { runDoctor } from './doctor.js';
export { runExplain } from './explain.js';
