import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Platform } from '../config/clients.js';

/** Resolve a command as spawn() would (no shell): absolute path, or the first PATH entry holding it. */
export async function resolveCommand(command: string, pathValue: string, platform: Platform, pathext = '.COM;.EXE;.BAT;.CMD'): Promise<string | undefined> {
  const candidates = platform === 'win32' && !/\.[a-z0-9]+$/i.test(command) ? ['', ...pathext.split(';').map((e) => e.toLowerCase())] : [''];
  const executable = async (file: string): Promise<boolean> =>
    access(file, platform === 'win32' ? constants.F_OK : constants.X_OK).then(
      async () => (await stat(file)).isFile(),
      () => false,
    );
  if (isAbsolute(command) || command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    for (const ext of candidates) if (await executable(command + ext)) return command + ext;
    return undefined;
  }
  for (const dir of pathValue.split(platform === 'win32' ? ';' : delimiter)) {
    if (dir === '') continue;
    for (const ext of candidates) {
      const file = join(dir, command + ext);
      if (await executable(file)) return file;
    }
  }
  return undefined;
}
