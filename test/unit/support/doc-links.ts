/**
 * Finds what a Markdown page names that is not in the repository: a repository path in inline code
 * (`lib/…`, `test/…`, `.ci/run` …) that does not exist, a relative link whose file is missing, or a
 * `#anchor` that is no heading of the page it points to. Fenced code blocks are left alone: they
 * show the integrator's files (`ci/pay.mjs`, `tools/…tgz`), not ours.
 */
import path from 'node:path';

/** The top-level folders (and files) a path must start with to be read as one of ours. */
const REPO_ROOTS = [
  'lib',
  'test',
  'docs',
  'components',
  'entrypoints',
  'cli',
  'scripts',
  'bench',
  'build',
  'assets',
  '.ci',
];
const REPO_PATH = new RegExp(`^(?:${REPO_ROOTS.map((root) => root.replace('.', '\\.')).join('|')})/[^\\s]*$`);
/** Placeholders and globs name a family of paths, not one. */
const TEMPLATE = /[<>*…{}]/;

/** What the checker asks of the file system, so a test can hand it a fake one. */
export interface DocRepository {
  exists(repoPath: string): boolean;
  /** The text of a Markdown file, for its headings; null when it cannot be read. */
  read(repoPath: string): string | null;
}

export interface DocProblem {
  line: number;
  problem: string;
}

/** The page's lines, each with whether it is inside a fenced code block. */
function proseLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((content, index) => {
    const marker = /^\s*(```+|~~~+)/.exec(content)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return;
    }
    if (fence === null) lines.push({ line: index + 1, text: content });
  });
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a page offers: its headings' slugs (repeats numbered as GitHub does) and `id="…"`s. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = headingSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const id of line.matchAll(/\bid="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

/** Repository paths named in a code span: the span itself, or its words when it is a command. */
function pathsInCode(code: string): string[] {
  return code
    .split(/\s+/)
    .map((word) => word.replace(/:\d+(?::\d+)?$/, '').replace(/[),;]+$/, ''))
    .filter((word) => REPO_PATH.test(word) && !TEMPLATE.test(word));
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The problems of one page, `docPath` being its path from the repository root. */
export function checkDoc(docPath: string, text: string, repo: DocRepository): DocProblem[] {
  const problems: DocProblem[] = [];
  const docDir = path.posix.dirname(docPath);
  for (const { line, text: content } of proseLines(text)) {
    const withoutCode = content.replace(/`[^`]*`/g, '');
    for (const span of content.matchAll(/`([^`]+)`/g)) {
      for (const named of pathsInCode(span[1]!)) {
        if (!repo.exists(named.replace(/\/$/, ''))) problems.push({ line, problem: `names a missing path ${named}` });
      }
    }
    for (const link of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = link[1]!;
      if (isExternal(target)) continue;
      const [file, anchor] = target.split('#', 2) as [string, string | undefined];
      const resolved = file === '' ? docPath : path.posix.normalize(path.posix.join(docDir, decodeURI(file)));
      if (resolved.startsWith('..') || !repo.exists(resolved.replace(/\/$/, ''))) {
        problems.push({ line, problem: `links to a missing file ${target}` });
        continue;
      }
      if (anchor === undefined || !resolved.endsWith('.md')) continue;
      const targetText = repo.read(resolved);
      if (targetText === null || !anchorsOf(targetText).has(anchor)) {
        problems.push({ line, problem: `links to a missing heading ${target}` });
      }
    }
  }
  return problems;
}
