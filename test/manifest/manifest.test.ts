/**
 * @jest-environment jsdom
 *
 * The manifest checked offline (Microsoft's validator needs the internet: `npm run validate`), as
 * TOOLCHAIN.md lists: Office's own tool parses it, xmllint finds it well formed, and the structure the
 * shared runtime needs is right. The production build's manifest is checked in productionManifest.test.ts.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REQUIRED_EXCEL_API } from "../../src/excel/host";
import { ROOT } from "../support/productionBuild";
import { describeWithProgram, XMLLINT } from "../support/systemPrograms";

const MANIFEST = path.join(ROOT, "manifest.xml");
const source = readFileSync(MANIFEST, "utf8");
const DEV_URL = "https://localhost:3000/";

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`manifest.xml is not well formed: ${error.textContent}`);
  return doc;
}

const doc = parse(source);
const all = (local: string) => [...doc.getElementsByTagNameNS("*", local)];
const child = (element: Element, local: string) => [...element.children].find((c) => c.localName === local);

function resources(): Map<string, { kind: string; value: string }> {
  const map = new Map<string, { kind: string; value: string }>();
  const resourcesElement = all("Resources")[0];
  for (const element of [...resourcesElement.getElementsByTagNameNS("*", "*")]) {
    const id = element.getAttribute("id");
    if (id)
      map.set(id, { kind: element.parentElement?.localName ?? "", value: element.getAttribute("DefaultValue") ?? "" });
  }
  return map;
}

function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  it("is parsed by Office's manifest tool", () => {
    const output = execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/office-addin-manifest/cli.js"), "info", MANIFEST],
      { encoding: "utf8" },
    );
    expect(output).toContain("Id: 6381997e-c40b-4430-9cd6-87c792e3b7b9");
    expect(output).toContain("Name: LAC Sufficiency");
    expect(output).toContain("Hosts: Workbook");
    expect(output).toContain("Permissions: ReadWriteDocument");
  });

  it("asks for ReadWriteDocument and nothing more", () => {
    expect(all("Permissions").map((e) => e.textContent)).toEqual(["ReadWriteDocument"]);
  });

  it("defines every resid it uses, each at most 32 characters", () => {
    const defined = resources();
    const used = [...doc.getElementsByTagNameNS("*", "*")]
      .map((e) => e.getAttribute("resid"))
      .filter((r): r is string => r !== null);
    expect(used.length).toBeGreaterThan(10);
    for (const resid of used) {
      expect({ resid, defined: defined.has(resid) }).toEqual({ resid, defined: true });
      expect(resid.length).toBeLessThanOrEqual(32);
    }
    for (const id of defined.keys()) expect(id.length).toBeLessThanOrEqual(32);
  });

  it("hosts functions, task pane and commands in one long-lived shared runtime", () => {
    const host = all("Host").find((h) => h.getAttribute("xsi:type") === "Workbook") as Element;
    expect(host.firstElementChild?.localName).toBe("Runtimes");
    const runtimes = all("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const shared = runtimes[0].getAttribute("resid");
    const page = child(
      all("ExtensionPoint").find((e) => e.getAttribute("xsi:type") === "CustomFunctions") as Element,
      "Page",
    ) as Element;
    expect(child(page, "SourceLocation")?.getAttribute("resid")).toBe(shared);
    expect(all("FunctionFile")[0].getAttribute("resid")).toBe(shared);
    const showTaskpane = all("Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane") as Element;
    expect(child(showTaskpane, "SourceLocation")?.getAttribute("resid")).toBe(shared);
    expect(resources().get(shared ?? "")?.value).toBe(`${DEV_URL}taskpane.html`);
    expect(all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")])).toContainEqual([
      "SharedRuntime",
      "1.1",
    ]);
  });

  it("declares the ExcelApi version the code requires, and the LAC namespace", () => {
    expect(
      all("Set")
        .find((s) => s.getAttribute("Name") === "ExcelApi")
        ?.getAttribute("MinVersion"),
    ).toBe(REQUIRED_EXCEL_API);
    expect(resources().get(all("Namespace")[0].getAttribute("resid") ?? "")?.value).toBe("LAC");
  });

  it("has a Sufficiency tab with Build workbook (the registered command) and Open panel", () => {
    const strings = resources();
    const tab = all("CustomTab")[0];
    expect(strings.get(child(tab, "Label")?.getAttribute("resid") ?? "")?.value).toBe("Sufficiency");
    const buttons = all("Control").map((control) => ({
      label: strings.get(child(control, "Label")?.getAttribute("resid") ?? "")?.value,
      action: child(control, "Action")?.getAttribute("xsi:type"),
      functionName: child(child(control, "Action") as Element, "FunctionName")?.textContent ?? null,
    }));
    expect(buttons).toEqual([
      { label: "Build workbook", action: "ExecuteFunction", functionName: "buildWorkbook" },
      { label: "Open panel", action: "ShowTaskpane", functionName: null },
    ]);
    const commands = readFileSync(path.join(ROOT, "src/commands/commands.ts"), "utf8");
    expect(commands).toContain('Office.actions.associate("buildWorkbook", buildWorkbook)');
  });

  it("uses only https addresses", () => {
    const urls = [...source.matchAll(/DefaultValue="([a-z]+:\/\/[^"]*)"/gi)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  it("points its icons at PNG files of the declared sizes in assets/", () => {
    const images = [...resources().values()].filter((r) => r.kind === "Images");
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      const file = path.join(ROOT, image.value.replace(DEV_URL, ""));
      const declared = Number(/-(\d+)\.png$/.exec(file)?.[1]);
      expect(pngSize(file)).toEqual({ width: declared, height: declared });
    }
    for (const size of [16, 32, 80]) {
      expect(all("Image").some((image) => image.getAttribute("size") === String(size))).toBe(true);
    }
  });

  it("replaces every development address with ADDIN_PRODUCTION_URL in a production build, and refuses one that is not https", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, loaded as webpack loads it
    const configure = require(path.join(ROOT, "webpack.config.js")) as (
      env: object,
      options: { mode: string },
    ) => Promise<{ plugins: object[] }>;
    const saved = process.env.ADDIN_PRODUCTION_URL;
    try {
      process.env.ADDIN_PRODUCTION_URL = "https://addins.example.gov.uk/lac/";
      const config = await configure({ WEBPACK_BUILD: true }, { mode: "production" });
      const copy = config.plugins.find((p) => p.constructor.name === "CopyPlugin") as {
        patterns: { from: string; transform?: (c: Buffer) => string }[];
      };
      const transform = copy.patterns.find((p) => p.from === "manifest*.xml")?.transform as (c: Buffer) => string;
      const production = transform(Buffer.from(source));
      expect(production).not.toContain("localhost");
      expect(production.split("https://addins.example.gov.uk/lac/").length - 1).toBe(source.split(DEV_URL).length - 1);
      process.env.ADDIN_PRODUCTION_URL = "http://intranet/lac/";
      await expect(configure({ WEBPACK_BUILD: true }, { mode: "production" })).rejects.toThrow(
        "ADDIN_PRODUCTION_URL must be an https address",
      );
    } finally {
      if (saved === undefined) delete process.env.ADDIN_PRODUCTION_URL;
      else process.env.ADDIN_PRODUCTION_URL = saved;
    }
  });
});

describeWithProgram(XMLLINT, "manifest.xml with xmllint", () => {
  it("is well formed XML", () => {
    expect(execFileSync("xmllint", ["--noout", MANIFEST], { encoding: "utf8" })).toBe("");
  });
});
