/**
 * Tests that drive a system program (LibreOffice, Chromium) run whenever it is installed. Where it is
 * missing they are reported as skipped with the command that installs it, except under CI=true, where a
 * missing program fails the run (.ci/run installs them, so CI always runs these tests).
 */
import { execFileSync } from "node:child_process";

export interface SystemProgram {
  command: string;
  install: string;
}

export const LIBREOFFICE: SystemProgram = { command: "soffice", install: "apt-get install -y libreoffice-calc-nogui" };
export const CHROMIUM: SystemProgram = { command: "chromium", install: "apt-get install -y chromium" };
export const XMLLINT: SystemProgram = { command: "xmllint", install: "apt-get install -y libxml2-utils" };

export function programPath(program: SystemProgram): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${program.command}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * `describe` when the program is installed; otherwise, outside CI, `describe.skip` with a note of how
 * to install it, and under CI a describe whose single test fails saying what is missing.
 */
export function describeWithProgram(program: SystemProgram, title: string, body: () => void): void {
  if (programPath(program)) {
    describe(title, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(title, () => {
      it(`needs ${program.command}`, () => {
        throw new Error(`${program.command} is not installed; CI must install it: ${program.install}`);
      });
    });
    return;
  }
  describe.skip(`${title} (skipped: ${program.command} is not installed; ${program.install})`, body);
}
