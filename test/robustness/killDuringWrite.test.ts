/**
 * The command line as a process, stopped while it writes the output: SIGKILL leaves a temporary file
 * (nothing can clean up after SIGKILL) that the next run removes; SIGTERM leaves none. The output
 * appears only complete. The input carries 16 MB of incompressible bytes so that the write lasts long
 * enough to be caught.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { compileCli } from "../support/compiledCli";
import { SAMPLE, freshFolder, temporaryFiles } from "./support";

const cli = compileCli("kill-test");
afterAll(() => cli.remove());

async function bigInput(dir: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  zip.file("xl/media/noise.bin", randomBytes(16 * 1024 * 1024), { compression: "STORE" });
  const file = path.join(dir, "in.xlsx");
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
  return file;
}

/** Runs a build, sending `signal` as soon as a temporary file appears in `folder`. */
async function buildAndSignal(
  args: string[],
  folder: string,
  signal: NodeJS.Signals | null,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; signalled: boolean }> {
  const child = spawn(process.execPath, [cli.bin, ...args], { cwd: cli.root, stdio: "ignore" });
  let signalled = false;
  const watcher = watch(folder, (_event, name) => {
    if (signal && !signalled && name?.endsWith(".tmp")) {
      signalled = true;
      child.kill(signal);
    }
  });
  const [code, endedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (c, s) => resolve([c, s])),
  );
  watcher.close();
  return { code, signal: endedBy, signalled };
}

it("after a SIGKILL during the write, the next run builds and leaves no temporary file behind", async () => {
  const dir = freshFolder();
  const input = await bigInput(dir);
  const output = path.join(dir, "out.xlsx");
  const args = ["build", input, "-o", output];
  // The kill must land during the write: a run that finished first is tried again.
  let killed = false;
  for (let attempt = 0; attempt < 5 && !killed; attempt += 1) {
    const run = await buildAndSignal(args, dir, "SIGKILL");
    killed = run.signal === "SIGKILL" && temporaryFiles(dir).length > 0;
  }
  expect(killed).toBe(true);
  expect(temporaryFiles(dir)[0]).toMatch(/^\.out\.xlsx\.\d+\.tmp$/);
  const again = await buildAndSignal(args, dir, null);
  expect(again.code).toBe(0);
  expect(temporaryFiles(dir)).toEqual([]);
  const zip = await JSZip.loadAsync(readFileSync(output));
  expect((await zip.file("xl/media/noise.bin")?.async("nodebuffer"))?.length).toBe(16 * 1024 * 1024);
}, 120_000);

it("a SIGTERM during the write removes the temporary file and writes no output", async () => {
  const dir = freshFolder();
  const input = await bigInput(dir);
  const output = path.join(dir, "out.xlsx");
  let stopped = false;
  for (let attempt = 0; attempt < 5 && !stopped; attempt += 1) {
    rmSync(output, { force: true });
    const run = await buildAndSignal(["build", input, "-o", output], dir, "SIGTERM");
    stopped = run.signal === "SIGTERM" && !existsSync(output);
  }
  expect(stopped).toBe(true);
  expect(temporaryFiles(dir)).toEqual([]);
}, 120_000);
