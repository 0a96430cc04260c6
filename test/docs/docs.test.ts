/**
 * The documentation against the code: docs/functions.md names every worksheet function and every one of
 * its parameters as the JSDoc that generates functions.json declares them; every relative link of the
 * README and docs/ leads to a file and heading that exist; the README stays a short page.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const pages = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The functions and parameters functions.json is generated from: `@customfunction NAME` and its `@param`s. */
function declaredFunctions(): { name: string; parameters: string[] }[] {
  const source = read("src/functions/functions.ts");
  return [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap(([, doc]) => {
    const name = /@customfunction\s+(\w+)/.exec(doc)?.[1];
    return name ? [{ name, parameters: [...doc.matchAll(/@param\s+(\w+)/g)].map((m) => m[1]) }] : [];
  });
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");
}

function anchorsIn(file: string): Set<string> {
  return new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
}

describe("the documentation", () => {
  it("names every worksheet function and each of its parameters in docs/functions.md", () => {
    const page = read("docs/functions.md");
    const functions = declaredFunctions();
    expect(functions.length).toBeGreaterThanOrEqual(12);
    const missing = functions.flatMap(({ name, parameters }) => [
      ...(page.includes(`LAC.${name}(`) ? [] : [`LAC.${name}`]),
      ...parameters
        .filter((parameter) => !new RegExp(`\\b${parameter}\\b`).test(page))
        .map((parameter) => `LAC.${name} ${parameter}`),
    ]);
    expect(missing).toEqual([]);
  });

  it("links only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split("#");
        const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), file));
        if (!existsSync(path.join(ROOT, resolved))) broken.push(`${page}: ${target} (no file)`);
        else if (anchor && resolved.endsWith(".md") && !anchorsIn(resolved).has(anchor))
          broken.push(`${page}: ${target} (no heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps the README a short page of at most 1,500 words", () => {
    expect(read("README.md").split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(1500);
  });
});
