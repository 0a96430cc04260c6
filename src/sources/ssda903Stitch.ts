/**
 * Stitching SSDA903 rows (ssda903Read) of several years, or of one file, into one history per child.
 * Files are taken in the order of their collection year (the year of their latest date), and for each
 * child
 * - an episode repeated unchanged in a later file is one episode ("repeatedEpisodes");
 * - an episode left open in an earlier file and continued (still open, or closed) in a later one is one
 *   episode, as the later file has it ("continuedEpisodes");
 * - an episode a later file gives differently (same child and start, other details changed) is taken as
 *   the later file has it ("revisedEpisodes");
 * - an episode that runs past the start of the child's next episode ends where the next one starts
 *   ("truncatedOverlaps"; its REC stays as read).
 */
import type { CareHistory, ChildHistory, Episode } from "../core/careHistory";
import type { RowDiagnostic } from "../core/diagnostics";
import { formatDate } from "../core/dates";
import { LacError } from "../core/errors";
import { pushAll } from "../core/arrays";
import type { EpisodeRows, HeaderRows } from "./ssda903Read";

export interface StitchInput {
  episodes: EpisodeRows;
  header?: HeaderRows;
}

/** Stitches several files (any order; each file's Header optional) into one history per child. */
export function stitchCareHistory(files: StitchInput[]): CareHistory {
  return stitch(files, false);
}

/**
 * Several years' Episodes and Header files as a user picks them: in any order, the Header files not
 * said to belong to any year. Each Header file goes with the Episodes file whose children it lists
 * (the most alike by CHILD: a year's Header lists exactly the children of that year's Episodes), then
 * all are stitched. A Header file no Episodes file is left for is reported, with its own row issues,
 * and its dates of birth are not used.
 */
export function stitchReturns(episodes: EpisodeRows[], headers: HeaderRows[]): CareHistory {
  const childrenOf = episodes.map((file) => new Set(file.child));
  const candidates: { header: number; file: number; likeness: number }[] = [];
  headers.forEach((header, h) => {
    const listed = new Set(header.child);
    childrenOf.forEach((children, e) => {
      let shared = 0;
      for (const child of listed) if (children.has(child)) shared += 1;
      if (shared > 0)
        candidates.push({ header: h, file: e, likeness: shared / (listed.size + children.size - shared) });
    });
  });
  candidates.sort(
    (a, b) =>
      b.likeness - a.likeness || Math.abs(a.header - a.file) - Math.abs(b.header - b.file) || a.header - b.header,
  );
  const headerOf = new Map<number, HeaderRows>();
  const paired = new Set<number>();
  for (const { header, file } of candidates) {
    if (paired.has(header) || headerOf.has(file)) continue;
    headerOf.set(file, headers[header]);
    paired.add(header);
  }
  const history = stitchCareHistory(
    episodes.map((rows, e) => ({ episodes: rows, ...(headerOf.has(e) ? { header: headerOf.get(e) } : {}) })),
  );
  headers.forEach((header, h) => {
    if (paired.has(h)) return;
    pushAll(history.issues, header.issues);
    history.issues.push({
      severity: "warning",
      file: header.fileName,
      row: 1,
      message:
        header.child.length === 0
          ? `${header.fileName}: no children read, so no dates of birth from it`
          : `${header.fileName}: none of the Episodes files left lists its children (each Header file goes with the Episodes file of its year), so its dates of birth were not used`,
    });
  });
  return history;
}

export const STITCHING_RULES = [
  "repeatedEpisodes",
  "continuedEpisodes",
  "revisedEpisodes",
  "truncatedOverlaps",
] as const;
export type StitchingRule = (typeof STITCHING_RULES)[number];

/** What each stitching rule did to an episode, in words that follow "N episodes" in a report. */
export const STITCHING_RULE_LABELS: Record<StitchingRule, string> = {
  repeatedEpisodes: "repeated unchanged in a later year's file, taken once",
  continuedEpisodes: "left open in one file and continued in a later one, joined into one",
  revisedEpisodes: "given differently by a later year's file, taken as the later file has it",
  truncatedOverlaps: "running past the start of the child's next episode, ended where the next one starts",
};

function emptyStitching(): Record<StitchingRule, number> {
  return { repeatedEpisodes: 0, continuedEpisodes: 0, revisedEpisodes: 0, truncatedOverlaps: 0 };
}

/** The collection year of a file: its latest date (an episode's end, or start while open). */
function latestDate(rows: EpisodeRows): number {
  let latest = -Infinity;
  for (const episode of rows.episodes) {
    const date = episode.end ?? episode.start;
    if (date > latest) latest = date;
  }
  return latest;
}

interface ChildEntry {
  history: ChildHistory;
  /** Order of the file each episode came from (parallel to history.episodes until merged). */
  fileOrder: number[];
  /** Where the child's date of birth came from: a Header file ranks above a DOB column. */
  dobRank: number;
}

function sameEpisode(a: Episode, b: Episode): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.rne === b.rne &&
    a.ls === b.ls &&
    a.cin === b.cin &&
    a.place === b.place &&
    a.placeProvider === b.placeProvider &&
    a.rec === b.rec
  );
}

function describeSource(episode: Episode): string {
  return episode.source ? `row ${episode.source.row} of ${episode.source.file}` : "another row";
}

/** strict (the worksheet function): a duplicate episode throws instead of being reported. */
export function stitch(files: StitchInput[], strict: boolean): CareHistory {
  const order = files
    .map((file, index) => ({ file, index, latest: latestDate(file.episodes) }))
    .sort((a, b) => a.latest - b.latest || a.index - b.index);
  const issues: RowDiagnostic[] = [];
  const stitching = emptyStitching();
  const byChild = new Map<string, ChildEntry>();
  const children: ChildHistory[] = [];

  order.forEach(({ file }, fileOrder) => {
    const rows = file.episodes;
    for (const issue of rows.issues) issues.push(issue);
    // A file lists a child's episodes together, and its Header lists the children in the same order
    // as a rule: following along saves most look-ups by CHILD.
    const inFileOrder: ChildEntry[] = [];
    let entry: ChildEntry | undefined;
    for (let i = 0; i < rows.episodes.length; i += 1) {
      const id = rows.child[i];
      if (entry?.history.child !== id) {
        entry = byChild.get(id);
        if (entry === undefined) {
          entry = { history: { child: id, dob: null, sex: null, episodes: [] }, fileOrder: [], dobRank: 0 };
          byChild.set(id, entry);
          children.push(entry.history);
        }
        inFileOrder.push(entry);
      }
      entry.history.episodes.push(rows.episodes[i]);
      entry.fileOrder.push(fileOrder);
      const dob = rows.dob?.[i] ?? null;
      if (dob !== null && entry.dobRank <= 1) {
        entry.history.dob = dob;
        entry.dobRank = 1;
      }
      const sex = rows.sex?.[i] ?? null;
      if (sex !== null) entry.history.sex = sex;
    }
    const header = file.header;
    if (!header) return;
    for (const issue of header.issues) issues.push(issue);
    let next = 0;
    for (let i = 0; i < header.child.length; i += 1) {
      const id = header.child[i];
      const expected = inFileOrder[next];
      let child: ChildEntry | undefined;
      if (expected?.history.child === id) {
        child = expected;
        next += 1;
      } else {
        child = byChild.get(id);
      }
      if (child === undefined) continue;
      child.history.dob = header.dob[i];
      child.dobRank = 2;
      if (header.sex[i] !== null) child.history.sex = header.sex[i];
    }
  });

  for (const entry of byChild.values()) mergeEpisodes(entry, stitching, issues, strict);
  reportUnknownDobs(files, children, issues, strict);
  const notes = files.flatMap(({ episodes, header }) => [
    ...(episodes.notes ?? []).map((message) => ({ file: episodes.fileName, message })),
    ...(header?.notes ?? []).map((message) => ({ file: header?.fileName ?? "", message })),
  ]);
  return { children, stitching, issues, ...(notes.length ? { notes } : {}) };
}

/** Applies the stitching rules to one child's episodes (see the module comment). */
function mergeEpisodes(
  entry: ChildEntry,
  stitching: Record<StitchingRule, number>,
  issues: RowDiagnostic[],
  strict: boolean,
): void {
  const history = entry.history;
  const raw = history.episodes;
  let indexes: number[] | null = null;
  for (let i = 1; i < raw.length; i += 1) {
    if (raw[i].start < raw[i - 1].start) {
      indexes = raw
        .map((_, k) => k)
        .sort((a, b) => raw[a].start - raw[b].start || entry.fileOrder[a] - entry.fileOrder[b] || a - b);
      break;
    }
  }
  const episodes: Episode[] = [];
  let lastFile = -1;
  for (let k = 0; k < raw.length; k += 1) {
    const i = indexes ? indexes[k] : k;
    const episode = raw[i];
    const fileOrder = entry.fileOrder[i];
    const previous = episodes.length ? episodes[episodes.length - 1] : null;
    if (previous?.start !== episode.start) {
      episodes.push(episode);
      lastFile = fileOrder;
      continue;
    }
    if (fileOrder === lastFile) {
      const reason = `duplicate episode: child ${history.child} already has an episode starting ${formatDate(episode.start)} (${describeSource(previous)})`;
      if (strict)
        throw new LacError(
          "value",
          `${episode.source?.file ?? "episodes"}, row ${episode.source?.row ?? "?"}: ${reason}`,
        );
      issues.push({
        severity: "warning",
        file: episode.source?.file ?? "",
        row: episode.source?.row ?? 0,
        message: reason,
      });
      continue;
    }
    if (previous.end === null) stitching.continuedEpisodes += 1;
    else if (sameEpisode(previous, episode)) stitching.repeatedEpisodes += 1;
    else stitching.revisedEpisodes += 1;
    episodes[episodes.length - 1] = episode;
    lastFile = fileOrder;
  }
  for (let i = 0; i + 1 < episodes.length; i += 1) {
    const episode = episodes[i];
    const nextStart = episodes[i + 1].start;
    if (episode.end === null || episode.end > nextStart) {
      episodes[i] = { ...episode, end: nextStart };
      stitching.truncatedOverlaps += 1;
    }
  }
  history.episodes = episodes;
}

/**
 * Children whose age is unknown are left out of age bands and the long-term measure; say so, once per
 * child when dates of birth were given for others, once in all when none were.
 */
function reportUnknownDobs(
  files: StitchInput[],
  children: ChildHistory[],
  issues: RowDiagnostic[],
  strict: boolean,
): void {
  if (strict) return;
  const anyDobSource = files.some((file) => file.header !== undefined || file.episodes.dob !== null);
  const first = files.find((file) => file.episodes.episodes.length > 0);
  if (!anyDobSource) {
    if (first) {
      issues.push({
        severity: "warning",
        file: first.episodes.fileName,
        row: 1,
        message:
          "no Header file and no DOB column: ages are unknown, so age bands and long-term stability cannot be counted",
      });
    }
    return;
  }
  for (const history of children) {
    if (history.dob !== null) continue;
    const source = history.episodes[0]?.source;
    issues.push({
      severity: "warning",
      file: source?.file ?? "",
      row: source?.row ?? 0,
      message: `child ${history.child} has no date of birth (no Header row, no DOB on its episodes): left out of age bands and long-term stability`,
    });
  }
}
