/** Parts inflated from the zip's own directory are the bytes the package gives; what it cannot read is left to the package. */
import JSZip from "jszip";
import { ZipParts } from "../../src/xlsx/zipParts";

async function zipOf(
  files: Record<string, string>,
  compression: "STORE" | "DEFLATE",
  comment?: string,
): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: "nodebuffer", compression, ...(comment ? { comment } : {}) });
}

const FILES = {
  "xl/worksheets/sheet1.xml": `<worksheet>${"<row/>".repeat(10_000)}</worksheet>`,
  "xl/sharedStrings.xml": "<sst><si><t>Résidential £</t></si></sst>",
};

describe("ZipParts", () => {
  it.each(["STORE", "DEFLATE"] as const)("gives each part's bytes from a %s zip", async (compression) => {
    const parts = ZipParts.of(await zipOf(FILES, compression, "a comment after the directory"));
    for (const [name, text] of Object.entries(FILES)) expect(parts.inflate(name)?.toString("utf8")).toBe(text);
    expect(parts.inflate("xl/missing.xml")).toBeNull();
  });

  it("gives nothing for bytes that are not a zip, so the package reads them", () => {
    expect(ZipParts.of(Buffer.from("not a zip at all")).inflate("xl/worksheets/sheet1.xml")).toBeNull();
    expect(ZipParts.of(Buffer.alloc(0)).inflate("xl/worksheets/sheet1.xml")).toBeNull();
  });
});
