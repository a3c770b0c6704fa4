/**
 * The extractor's CLI (contract in API.md):
 *   npm run --silent extract -- FILE|-            → { "claims": [...] } for one article (text normalised first)
 *   npm run --silent extract -- --per-line FILE|- → one JSON object per input line: { line, checkworthiness, claim }
 *   npm run --silent extract -- --html FILE|-     → the article text of an HTML page, then its claims
 * Stdout carries JSON only; errors go to stderr with exit code 1 (usage: 2).
 */
import { readFileSync } from 'node:fs';
import { analyseArticle, defaultExtractor, htmlToArticle, scoreLine } from '../lib/extract/index.js';
import { normaliseArticleText } from '../lib/text.js';

function usage(msg?: string): never {
  if (msg) process.stderr.write(`extract: ${msg}\n`);
  process.stderr.write('usage: extract [--per-line | --html | --segments] FILE|-\n');
  process.exit(2);
}

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`extract: cannot read ${file}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

function main(argv: string[]): void {
  let perLine = false;
  let html = false;
  let segments = false;
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--per-line') perLine = true;
    else if (a === '--html') html = true;
    else if (a === '--segments') segments = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) usage('give exactly one FILE (or - for standard input)');
  const raw = readInput(files[0]!);
  const extractor = defaultExtractor();
  if (perLine) {
    const lines = raw.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const out: string[] = [];
    lines.forEach((line, i) => {
      const r = scoreLine(normaliseArticleText(line), extractor);
      out.push(JSON.stringify({ line: i + 1, checkworthiness: r.checkworthiness, claim: r.claim }));
    });
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
    return;
  }
  let title: string | undefined;
  let source = raw;
  if (html) {
    const a = htmlToArticle(raw);
    source = a.text;
    title = a.title;
  }
  const text = normaliseArticleText(source);
  const analysis = analyseArticle(text, extractor);
  const body: Record<string, unknown> = { claims: analysis.claims };
  if (html) {
    body.title = title;
    body.text = text;
  }
  if (segments) body.segments = analysis.segments;
  process.stdout.write(JSON.stringify(body, null, 2) + '\n');
}

main(process.argv.slice(2));
