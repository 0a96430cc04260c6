/**
 * The extended properties part (docProps/app.xml) lists the workbook's worksheets by name: a heading
 * pair ("Worksheets", n) and n titles in TitlesOfParts. Excel rewrites it on every save and opens a file
 * whatever it says, but file browsers and document-management systems show it, so after a build it
 * should name the add-in's sheets too, not only the user's.
 *
 * Only a list that matches the workbook is edited: the heading pair whose titles are exactly the
 * worksheets before the build, in tab order, whatever word (in the user's language) heads it. Any other
 * part (none, or one some other program left stale) is kept as it is, byte for byte.
 */
import { type OoxmlPackage, REL_TYPE, resolveTarget } from "./ooxmlPackage";
import {
  applySplices,
  childNamed,
  escapeText,
  innerText,
  parseXml,
  setAttributeSplice,
  type Splice,
  type XmlElement,
} from "./xml";

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * Rewrites the worksheet titles of docProps/app.xml from `before` (the worksheets the workbook had, in
 * tab order) to `after` (those it has now). Returns true when the part was changed.
 */
export async function updateWorksheetTitles(
  pkg: OoxmlPackage,
  before: readonly string[],
  after: readonly string[],
): Promise<boolean> {
  const rel = (await pkg.relationships("")).find((r) => r.type === REL_TYPE.extendedProperties && !r.external);
  if (!rel) return false;
  const partName = resolveTarget("", rel.target);
  const xml = await pkg.textOrNull(partName);
  if (xml === null || before.length === 0) return false;
  const root = parseXml(xml);
  const headings = childNamed(childNamed(root, "HeadingPairs") ?? root, "vector");
  const titlesVector = childNamed(childNamed(root, "TitlesOfParts") ?? root, "vector");
  if (!headings || !titlesVector) return false;

  const titles = titlesVector.children;
  const variants = headings.children;
  let offset = 0;
  for (let pair = 0; pair + 1 < variants.length; pair += 2) {
    const countElement: XmlElement | undefined = variants[pair + 1].children[0];
    const count = countElement ? Number(innerText(xml, countElement)) : NaN;
    if (!Number.isInteger(count) || count < 0) return false;
    const slice = titles.slice(offset, offset + count);
    if (
      slice.length === count &&
      sameNames(
        slice.map((title) => innerText(xml, title)),
        before,
      )
    ) {
      const tag = slice[0].qname;
      const splices: Splice[] = [
        { start: countElement.openEnd, end: countElement.closeStart, text: String(after.length) },
        {
          start: slice[0].start,
          end: slice[count - 1].end,
          text: after.map((name) => `<${tag}>${escapeText(name)}</${tag}>`).join(""),
        },
        setAttributeSplice(xml, titlesVector, "size", String(titles.length - count + after.length)),
      ];
      pkg.setText(partName, applySplices(xml, splices));
      return true;
    }
    offset += count;
  }
  return false;
}
