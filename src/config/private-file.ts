import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

export class OutputError extends Error {}

/**
 * Write a report file readable only by its owner (0600). Refuses to follow a symlink planted at
 * the path, and tightens the mode of a file that already exists.
 */
export async function writePrivateFile(path: string, content: string): Promise<void> {
  try {
    const existing = await lstat(path);
    if (existing.isSymbolicLink()) throw new OutputError(`--output ${path}: refusing to write through a symbolic link`);
    if (existing.isDirectory()) throw new OutputError(`--output ${path}: is a directory`);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describe(path, error);
  }
  // O_NOFOLLOW closes the gap between the check above and the open (it is 0 where unsupported).
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
  let handle;
  try {
    handle = await open(path, flags, 0o600);
  } catch (error) {
    throw describe(path, error);
  }
  try {
    await handle.chmod(0o600);
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
}

function describe(path: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'refusing to write through a symbolic link'
          : (code ?? String(error));
  return new OutputError(`--output ${path}: cannot write the report (${reason})`);
}
