// The standalone binary's single-file build: the command modules are bundled in and handed to the
// start-up path before it runs (scripts/build-binary.mjs; the npm package loads them lazily instead).
import * as commands from './commands.js';
import { preloadCommands } from './main.js';

preloadCommands(commands);
