/** Packages written with zlib read back as written, and the parts a build did not set keep the bytes the input stored. */
import JSZip from "jszip";
import { OoxmlPackage } from "../../src/xlsx/ooxmlPackage";
import { writeZip } from "../../src/xlsx/zipWrite";
import { ZipParts } from "../../src/xlsx/zipParts";

const DATE = new Date(Date.UTC(2022, 0, 31, 9, 30, 12));

describe("writeZip", () => {
  it("writes parts any zip reader reads back: deflated, copied as stored, directories, UTF-8 names", async () => {
    const source = ZipParts.of(
      await new JSZip()
        .file("kept.xml", "<kept>£ 12,119,924</kept>")
        .generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
    );
    const raw = source.raw("kept.xml");
    expect(raw).not.toBeNull();
    const bytes = writeZip([
      { name: "xl/", date: DATE, directory: true },
      { name: "xl/new.xml", date: DATE, data: Buffer.from("<new>Résidential</new>".repeat(1000), "utf8") },
      { name: "xl/kept.xml", date: DATE, raw: raw! },
      { name: "xl/média.bin", date: DATE, data: Buffer.from([0, 1, 2, 255]) },
    ]);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(["xl/", "xl/new.xml", "xl/kept.xml", "xl/média.bin"]);
    expect(zip.files["xl/"].dir).toBe(true);
    expect(await zip.file("xl/new.xml")?.async("string")).toBe("<new>Résidential</new>".repeat(1000));
    expect(await zip.file("xl/kept.xml")?.async("string")).toBe("<kept>£ 12,119,924</kept>");
    expect([...((await zip.file("xl/média.bin")?.async("uint8array")) ?? [])]).toEqual([0, 1, 2, 255]);
    expect(zip.files["xl/new.xml"].date).toEqual(DATE);
    // Copied, not compressed again: the same stored bytes.
    expect(ZipParts.of(bytes).raw("xl/kept.xml")?.data.equals(raw!.data)).toBe(true);
  });

  it("is what OoxmlPackage writes: parts set are new, the others keep their stored bytes", async () => {
    const input = await new JSZip()
      .file("[Content_Types].xml", "<Types/>")
      .file("xl/worksheets/sheet1.xml", "<worksheet>user</worksheet>")
      .generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const pkg = await OoxmlPackage.load(input);
    pkg.setText("xl/worksheets/sheet2.xml", "<worksheet>ours</worksheet>");
    pkg.setBinary("xl/customProperty1.bin", new Uint8Array([115, 0, 112, 0]));
    const output = await pkg.toBuffer();
    const again = await OoxmlPackage.load(output);
    expect(again.partNames().sort()).toEqual([
      "[Content_Types].xml",
      "xl/customProperty1.bin",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
    ]);
    expect(await again.text("xl/worksheets/sheet2.xml")).toBe("<worksheet>ours</worksheet>");
    expect([...(await again.binary("xl/customProperty1.bin"))]).toEqual([115, 0, 112, 0]);
    expect(
      ZipParts.of(output)
        .raw("xl/worksheets/sheet1.xml")
        ?.data.equals(ZipParts.of(input).raw("xl/worksheets/sheet1.xml")!.data),
    ).toBe(true);
  });
});
