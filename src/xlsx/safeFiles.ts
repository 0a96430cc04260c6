/**
 * Writing the command line's files without ever harming another file: which paths are the same file
 * (through links, hard links and case-insensitive folders), and writes that appear only when complete.
 *
 * A file is written beside its target under a temporary name `.NAME.PID.tmp`, created exclusively (so a
 * link or file planted at that name is never followed or overwritten), then renamed over the target.
 * Temporary files are removed on every failure and when the process is interrupted (SIGINT, SIGTERM); one
 * left by a run that was killed outright (SIGKILL, power cut) is recognised by its name and a process id
 * no longer running, and removed by the next write to the same target.
 */
import { constants, unlinkSync } from "node:fs";
import { lstat, open, readdir, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { CliError, EXIT } from "./errors";

/** A file the user named, and what the option it came from calls it. */
export interface NamedPath {
  file: string;
  /** e.g. "the input workbook", "--summary-json". */
  role: string;
}

async function statOrNull(file: string): Promise<{ dev: number; ino: number } | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

function toggledCase(name: string): string {
  return [...name].map((ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join("");
}

/**
 * Whether names in `folder` are matched without regard to case: the folder reached again under its own
 * name in the other case is the same folder. Without letters to try, the platform's default.
 */
async function caseInsensitiveFolder(folder: string): Promise<boolean> {
  for (let dir = folder; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const base = path.basename(dir);
    const toggled = toggledCase(base);
    if (toggled === base) continue;
    const [a, b] = await Promise.all([statOrNull(dir), statOrNull(path.join(path.dirname(dir), toggled))]);
    return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
  }
  return process.platform === "win32" || process.platform === "darwin";
}

/** Where a file that may not exist yet would be: its folder's real path plus its name (case-folded where the folder ignores case). */
async function location(file: string): Promise<string | null> {
  const folder = path.dirname(path.resolve(file));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return null;
  }
  const name = path.basename(file);
  return path.join(realFolder, (await caseInsensitiveFolder(realFolder)) ? name.toLowerCase() : name);
}

/** True when the two paths name the same file: by device and inode when it exists, by real location when it does not. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([statOrNull(a), statOrNull(b)]);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  if (sa || sb) return false;
  const [la, lb] = await Promise.all([location(a), location(b)]);
  return la !== null && la === lb;
}

/**
 * Refuses, before anything is read or written, an output that is one of the inputs or another output,
 * under whatever name or link.
 */
export async function checkOutputsAreNew(inputs: NamedPath[], outputs: NamedPath[]): Promise<void> {
  for (const [i, output] of outputs.entries()) {
    for (const other of [...inputs, ...outputs.slice(0, i)]) {
      if (await sameFile(output.file, other.file)) {
        const through =
          path.resolve(output.file) === path.resolve(other.file)
            ? ""
            : ` (the same file under another name or through a link)`;
        throw new CliError(
          `Expected ${output.role} '${output.file}' to be a file of its own, but it is ${other.role} '${other.file}'${through}: ${inputs.includes(other) ? `${other.role} is never overwritten` : "each output needs its own file"}. Give another file name.`,
          EXIT.usage,
        );
      }
    }
  }
}

// ---- temporary files ----------------------------------------------------------------------------------

const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** Removes this run's temporary files, then lets the signal end the process as it would have. */
function onSignal(signal: NodeJS.Signals): void {
  for (const file of live) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone or never created: nothing to clean.
    }
  }
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function track(file: string): void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(file);
}

function untrack(file: string): void {
  live.delete(file);
  if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The temporary name of a write to `target` by this process. */
export function temporaryNameOf(target: string, attempt = 0): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}${attempt ? `-${attempt}` : ""}.tmp`);
}

/**
 * Removes temporary files of earlier writes to `target` whose process is no longer running (a run
 * killed outright cannot clean up after itself). Only regular files named as this tool names them.
 */
export async function removeStaleTemporaries(target: string): Promise<string[]> {
  const folder = path.dirname(path.resolve(target));
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(\\d+)(?:-\\d+)?\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || Number(match[1]) === process.pid || processIsRunning(Number(match[1]))) continue;
    const file = path.join(folder, name);
    try {
      if (!(await lstat(file)).isFile()) continue;
      await unlink(file);
      removed.push(file);
    } catch {
      // Removed by someone else meanwhile, or not ours to remove.
    }
  }
  return removed;
}

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Creates and fills a new temporary file beside `target`; never opens an existing file or link. */
async function writeTemporary(target: string, data: string | Uint8Array): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const temporary = temporaryNameOf(target, attempt);
    let handle;
    // Tracked before it exists: the file is on disk before `open` returns, and a signal may come between.
    track(temporary);
    try {
      handle = await open(temporary, EXCLUSIVE, 0o666);
    } catch (error) {
      untrack(temporary);
      // Something (not ours) already has the name: try the next, never touching it.
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && attempt < 20) continue;
      throw error;
    }
    try {
      await handle.writeFile(data);
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
      untrack(temporary);
      throw error;
    }
    return temporary;
  }
}

export interface FileToWrite {
  file: string;
  data: string | Uint8Array;
  /** "the output workbook", "the summary". */
  what: string;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "its folder does not exist";
  if (code === "EACCES" || code === "EPERM") return "permission was refused";
  if (code === "ENOSPC") return "the disk is full";
  if (code === "EISDIR") return "it is a folder";
  return (error as Error).message;
}

/**
 * Writes the files so that each appears only when complete: all are written under temporary names
 * first, and only when every one is written are they renamed into place. A failure leaves no
 * temporary file and, before the renames, none of the files changed.
 */
export async function writeFilesSafely(files: FileToWrite[]): Promise<void> {
  const temporaries: string[] = [];
  const cleanUp = async () => {
    for (const temporary of temporaries) {
      await unlink(temporary).catch(() => undefined);
      untrack(temporary);
    }
  };
  for (const { file, data, what } of files) {
    await removeStaleTemporaries(file);
    try {
      temporaries.push(await writeTemporary(file, data));
    } catch (error) {
      await cleanUp();
      throw new CliError(`Could not write ${what} '${file}': ${reasonOf(error)}.`);
    }
  }
  for (const [i, { file, what }] of files.entries()) {
    try {
      await rename(temporaries[i], file);
      untrack(temporaries[i]);
    } catch (error) {
      await cleanUp();
      throw new CliError(`Could not write ${what} '${file}': ${reasonOf(error)}.`);
    }
  }
}
