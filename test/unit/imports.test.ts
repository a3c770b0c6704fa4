/**
 * The shape of the code, checked so it stays true: no import cycles (type-only imports count), the run time never
 * imports training code, and lib/extract holds no module-level mutable state (every call gets its model and rules).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('../..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(relative(root, path)));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(root, path));
  }
  return out;
}

/** Relative imports and re-exports of a file (type-only ones too), as repo paths of .ts files. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((f) => f.startsWith('.'))
    .map((f) => relative(root, resolve(root, dirname(file), f)).replace(/\.js$/, '.ts'))
    .filter((f) => f.endsWith('.ts'));
}

/** Every import cycle among `files`, each as the path that closes it. */
function cycles(files: string[]): string[][] {
  return cyclesIn(new Map(files.map((f) => [f, importsOf(f)])));
}

function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      if (!graph.has(g)) continue;
      if (state.get(g) === 'open') found.push([...path.slice(path.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe('imports', () => {
  const runTime = [...sourceFiles('lib'), ...sourceFiles('functions'), ...sourceFiles('schemas')];

  it('form no cycle in lib, functions, schemas and scripts (type-only imports included)', () => {
    expect(cycles([...runTime, ...sourceFiles('scripts')])).toEqual([]);
  });

  it('sees type-only imports and re-exports, and finds a cycle when there is one', () => {
    expect(importsOf('lib/extract/index.ts')).toContain('lib/extract/analyse.ts');
    expect(importsOf('lib/extract/signals.ts')).toContain('lib/extract/model.ts'); // `import type { Model }`
    expect(cyclesIn(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('never reach training or script code from the run time (the Lambda bundles stay small)', () => {
    const offending = runTime.flatMap((f) => importsOf(f).filter((g) => !/^(?:lib|functions|schemas)\//.test(g)).map((g) => `${f} → ${g}`));
    expect(offending).toEqual([]);
  });
});

describe('lib/extract', () => {
  it('has no module-level let or var: the model and the rules are arguments, not globals', () => {
    const found: string[] = [];
    for (const file of sourceFiles('lib/extract')) {
      const src = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
      for (const st of src.statements) {
        if (ts.isVariableStatement(st) && !(st.declarationList.flags & ts.NodeFlags.Const)) found.push(`${file}: ${st.getText(src).slice(0, 60)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
