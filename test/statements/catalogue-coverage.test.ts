import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CATALOGUE = readFileSync(new URL('./catalogue.ts', import.meta.url), 'utf8');

/** Functions that take a Db but need no catalogue entry of their own, and why. */
const COVERED_ELSEWHERE: Readonly<Record<string, string>> = {
  insertRawEventsBody: 'insertRawEvents sends its statement',
  createFactPipeline: 'stores facts through the inserts of facts/store.ts',
  runQuery: "runs alerting's named queries, each of which has its entry",
};

/** The sources that ship: every package's src folder under services/ and deploy/. */
function shippedSources(): string[] {
  return ['services', 'deploy'].flatMap((area) =>
    readdirSync(`${ROOT}${area}`).flatMap((pkg) => {
      const src = `${area}/${pkg}/src`;
      let files: string[];
      try {
        files = readdirSync(`${ROOT}${src}`, { recursive: true }) as string[];
      } catch {
        return [];
      }
      return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `${src}/${f}`);
    }),
  );
}

const takesDb = (params: ts.NodeArray<ts.ParameterDeclaration>, file: ts.SourceFile) =>
  params.some((p) => p.type?.getText(file) === 'Db');
const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Exported functions (declarations or arrow functions) with a parameter of type Db. */
function functionsTakingDb(path: string): string[] {
  const text = readFileSync(`${ROOT}${path}`, 'utf8');
  if (!/\bDb\b/.test(text)) return [];
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const node of file.statements) {
    if (!isExported(node)) continue;
    if (ts.isFunctionDeclaration(node) && node.name && takesDb(node.parameters, file))
      names.push(node.name.text);
    if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          if (takesDb(init.parameters, file)) names.push(d.name.text);
        }
      }
    }
  }
  return names;
}

describe('the statement catalogue', () => {
  it('calls every exported function of the services and deploy packages that sends statements', () => {
    const found = shippedSources().flatMap((path) => functionsTakingDb(path).map((name) => ({ name, path })));
    // The scan must see the functions we know of, or it proves nothing.
    expect(found.map((f) => f.name)).toEqual(expect.arrayContaining(['migrate', 'recomputeCaseRollups']));
    const missing = found
      .filter(({ name }) => !(name in COVERED_ELSEWHERE) && !new RegExp(`\\b${name}\\b`).test(CATALOGUE))
      .map(({ name, path }) => `${name} (${path})`);
    expect(
      missing,
      'these send statements to ClickHouse but are not in test/statements/catalogue.ts: add an entry there (see deploy/clickhouse/README.md)',
    ).toEqual([]);
  });
});
