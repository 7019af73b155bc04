import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ClientSpec, Platform } from '../config/clients.js';

/** The PATH a macOS app started from the Dock gets from launchd: not the shell's. */
export const MACOS_GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/**
 * The PATH the client starts servers with. GUI apps on macOS get launchd's minimal PATH (newer
 * Claude Desktop builds add a login shell's, which still skips ~/.zshrc); CLI clients inherit the
 * shell's.
 */
export function clientPath(client: ClientSpec | undefined, platform: Platform, env: Readonly<Record<string, string | undefined>>): { path: string; why: string } {
  if (client?.gui && platform === 'darwin') return { path: MACOS_GUI_PATH, why: `${client.name} is a GUI app: macOS starts it with PATH=${MACOS_GUI_PATH}, not your shell's PATH` };
  return { path: env.PATH ?? env.Path ?? '', why: client ? `${client.name} inherits the PATH of the environment it starts in` : 'the PATH of this shell' };
}

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
