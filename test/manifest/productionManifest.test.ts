/**
 * The production bundle (node environment: webpack does not run under jsdom): every development
 * address of the manifest replaced, every address it names present in the bundle, and office.js the
 * only thing the page loads from outside.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { productionBuild, ROOT } from "../support/productionBuild";

const source = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DEV_URL = "https://localhost:3000/";

describe("the production build", () => {
  let dist: string;
  beforeAll(async () => {
    dist = await productionBuild();
  }, 600_000);

  it("has no development address left in the manifest, and every address it names is in the bundle", () => {
    const built = readFileSync(path.join(dist, "manifest.xml"), "utf8");
    expect(built).not.toMatch(/localhost/i);
    const production = process.env.ADDIN_PRODUCTION_URL ?? "https://lac-sufficiency.example.org/";
    expect(built.split(production).length - 1).toBe(source.split(DEV_URL).length - 1);
    const urls = [...built.matchAll(/DefaultValue="(https:\/\/[^"]*)"/g)]
      .map((m) => m[1])
      .filter((u) => u.startsWith(production));
    expect(urls.length).toBe(14);
    for (const url of urls) expect(() => readFileSync(path.join(dist, url.slice(production.length)))).not.toThrow();
  });

  it("loads office.js from Microsoft's CDN and nothing else from outside", () => {
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const external = [...html.matchAll(/(?:src|href)=["']?(https?:\/\/[^"' >]+)/g)].map((m) => m[1]);
    expect(external).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  });
});
