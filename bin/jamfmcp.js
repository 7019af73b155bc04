#!/usr/bin/env node
// Thin entry: load the CLI (commander only); commands load what they need when they run.
import { main } from '../dist/src/cli/main.js';

await main(process.argv);
