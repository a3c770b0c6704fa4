/**
 * The files `npm run ingest` submits: given files, and folders walked recursively for .txt, .md, .html and .htm;
 * each read as strict UTF-8 and turned into the body of POST /articles.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export const EXTENSIONS = ['.txt', '.md', '.html', '.htm'];
/** API.md: request bodies over 1 MiB are refused, and a body is never smaller than the file it carries. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface FileProblem {
  file: string;
  detail: string;
}

const supported = (path: string) => EXTENSIONS.includes(extname(path).toLowerCase());
const reason = (error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or folder (or a broken link)';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'ELOOP') return 'a link that points to itself';
  return err.code ?? err.message;
};

/**
 * Files to submit, in a stable order (each folder sorted by name), each once even when reached twice; and what could
 * not be used. In folders, files of other types are skipped silently; a file named on the command line must be one of
 * the supported types. Links are followed; a broken one with a supported name is a problem.
 */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; problems: FileProblem[] }> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const add = async (file: string) => {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };
  const walk = async (folder: string, visiting: Set<string>): Promise<void> => {
    const real = await realpath(folder);
    if (visiting.has(real)) return; // a link back to a parent folder
    let entries;
    try {
      entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      problems.push({ file: folder, detail: `cannot read the folder: ${reason(error)}` });
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      let info;
      try {
        info = await stat(path);
      } catch (error) {
        if (supported(path)) problems.push({ file: path, detail: `cannot read: ${reason(error)}` });
        continue;
      }
      if (info.isDirectory()) await walk(path, new Set([...visiting, real]));
      else if (info.isFile() && supported(path)) await add(path);
    }
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ file: path, detail: `cannot read: ${reason(error)}` });
      continue;
    }
    if (info.isDirectory()) await walk(path, new Set());
    else if (!info.isFile()) problems.push({ file: path, detail: 'not a regular file' });
    else if (!supported(path)) problems.push({ file: path, detail: `not a ${EXTENSIONS.join(', ')} file` });
    else await add(path);
  }
  return { files, problems };
}

export type ArticleBody = { text: string } | { html: string };

export class UnreadableFile extends Error {}

/** The body of POST /articles for one file: `html` for .html/.htm, else `text` (Markdown reduced to plain text). */
export async function articleBody(file: string): Promise<ArticleBody> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UnreadableFile('cannot read: it is a folder');
    if (info.size > MAX_FILE_BYTES) {
      throw new UnreadableFile(`${(info.size / 1048576).toFixed(1)} MiB: larger than the API accepts (requests up to 1 MiB); not sent`);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`cannot read: ${reason(error)}`);
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFile('not valid UTF-8 text (convert it, e.g. with iconv -t UTF-8); not sent');
  }
  const extension = extname(file).toLowerCase();
  if (extension === '.html' || extension === '.htm') return { html: content };
  return { text: extension === '.md' ? markdownToText(content) : content };
}

/**
 * Markdown as the plain text a reader sees: heading marks, emphasis, link and image syntax, code fences, block quote
 * marks and HTML comments go; words stay. Keeps the first heading as the first paragraph, which the API takes as title.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\uFEFF/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^(\s*)(```|~~~).*$/gm, '')
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1\n')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^ {0,3}\[[^\]]+\]:\s*\S+.*$/gm, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}
