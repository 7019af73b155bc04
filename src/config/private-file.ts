import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class OutputError extends Error {}

/**
 * Write a report (or backup) file readable only by its owner (0600), atomically: the content goes
 * to a new file beside the target (created exclusively, never through a symlink), which is then
 * renamed over it. A failure — a full disk, a folder it may not write — leaves an existing file
 * exactly as it was. Only a regular file or a new path is accepted: never a symlink, directory,
 * FIFO or device, and nothing but the new file is ever chmod-ed.
 */
export async function writePrivateFile(path: string, content: string, flag = '--output'): Promise<void> {
  try {
    const existing = await lstat(path);
    if (existing.isSymbolicLink()) throw new OutputError(`${flag} ${path}: refusing to write through a symbolic link`);
    if (existing.isDirectory()) throw new OutputError(`${flag} ${path}: is a directory`);
    if (!existing.isFile()) throw new OutputError(`${flag} ${path}: not a regular file (a FIFO, device or socket): give a file name`);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describe(flag, path, error);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    throw describe(flag, path, error);
  }
  try {
    try {
      // The umask may have narrowed the mode further, never widened it; make it exactly 0600.
      await handle.chmod(0o600);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw describe(flag, path, error);
  }
}

function describe(flag: string, path: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'refusing to write through a symbolic link'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : code === 'EROFS'
              ? 'the file system is read-only'
              : code === 'EISDIR'
                ? 'is a directory'
                : (code ?? String(error));
  return new OutputError(`${flag} ${path}: cannot write the ${flag === '--output' ? 'report' : 'file'} (${reason})`);
}
