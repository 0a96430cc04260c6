/**
 * Opening written workbooks in LibreOffice as a user would, without recalculation (its default for
 * .xlsx): converting to .xlsx shows what it imported (cells, charts), converting to PDF what it draws.
 * Recalculating formulas is test/support/libreoffice.ts's job.
 */
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LIBREOFFICE } from "./systemPrograms";

/** Converts files into `outDir` in one soffice run with a throw-away profile; returns the outputs' paths. */
export async function convertWithLibreOffice(
  files: string[],
  format: "xlsx" | "pdf",
  outDir: string,
): Promise<string[]> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "lac-soffice-profile-"));
  try {
    await mkdir(outDir, { recursive: true });
    const args = [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      ...files.map((f) => path.resolve(f)),
    ];
    await promisify(execFile)(LIBREOFFICE.command, args, { timeout: 180_000 });
    return files.map((file) => path.join(outDir, `${path.basename(file, path.extname(file))}.${format}`));
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
