// Entry of the standalone binary (Node's single-executable application): everything in one file.
import './standalone-preload.js';
import './entry.js';
