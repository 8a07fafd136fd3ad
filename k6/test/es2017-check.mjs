// Parses k6 scripts as ES2017 modules (acorn, ecmaVersion 2017, sourceType module) and checks their imports.
// Node tool used by k6/check.sh, not a k6 script:
//   node es2017-check.mjs <acorn's main file> <k6 folder> <file>...
// Prints "PASS <file>" or "FAIL <file>" with the reasons indented below, one block per file; exit status 1 when any
// file failed.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { resolve, dirname, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const [acornMain, k6Root, ...files] = process.argv.slice(2);
const acorn = await import(pathToFileURL(acornMain).href);
const root = resolve(k6Root);

// Modules every k6 from 0.48 on has. k6/experimental/* come and go between versions, k6/x/* need a custom xk6 build.
const K6_MODULES = new Set(['k6', 'k6/http', 'k6/metrics', 'k6/execution', 'k6/crypto', 'k6/encoding', 'k6/data',
  'k6/html', 'k6/ws', 'k6/net/grpc']);
// ES2018+ library calls a parser cannot see (k6's runtime grew them late or not at all).
const LATE_MEMBERS = new Set(['fromEntries', 'flat', 'flatMap', 'replaceAll', 'matchAll', 'allSettled', 'hasOwn',
  'findLast', 'findLastIndex', 'trimStart', 'trimEnd', 'toSorted', 'toReversed', 'toSpliced']);
const LATE_GLOBALS = new Set(['globalThis', 'structuredClone', 'queueMicrotask', 'AggregateError', 'WeakRef',
  'FinalizationRegistry', 'BigInt']);

function checkImport(file, spec, problems, line) {
  const where = `line ${line}: import '${spec}'`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || spec.startsWith('//')) {
    problems.push(`${where}: remote import (k6 must not fetch code at run time; keep a copy under k6/lib/)`);
  } else if (spec === 'k6' || spec.startsWith('k6/')) {
    if (spec.startsWith('k6/x/')) {
      problems.push(`${where}: an xk6 extension, which stock k6 does not have`);
    } else if (spec.startsWith('k6/experimental/')) {
      problems.push(`${where}: experimental modules change between k6 versions`);
    } else if (!K6_MODULES.has(spec)) {
      problems.push(`${where}: not a k6 module (one of ${[...K6_MODULES].join(', ')})`);
    }
  } else if (spec.startsWith('./') || spec.startsWith('../')) {
    const target = resolve(dirname(file), spec);
    if (!existsSync(target) || !statSync(target).isFile()) {
      problems.push(`${where}: no such file ${relative(process.cwd(), target)} (k6 adds no extension)`);
    } else if (!(target + sep).startsWith(root + sep)) {
      problems.push(`${where}: outside ${relative(process.cwd(), root)}/, which must stay self-contained`);
    }
  } else {
    problems.push(`${where}: neither k6, k6/... nor a relative file (k6 has no node_modules)`);
  }
}

function walk(node, visit) {
  if (node === null || typeof node !== 'object') {
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((child) => walk(child, visit));
    return;
  }
  if (typeof node.type === 'string') {
    visit(node);
  }
  for (const key of Object.keys(node)) {
    if (key !== 'loc' && key !== 'start' && key !== 'end') {
      walk(node[key], visit);
    }
  }
}

let failed = 0;
for (const file of files) {
  const problems = [];
  const text = readFileSync(file, 'utf8');
  let ast = null;
  try {
    ast = acorn.parse(text, { ecmaVersion: 2017, sourceType: 'module', locations: true, allowHashBang: false });
  } catch (e) {
    const where = e.loc ? `line ${e.loc.line}, column ${e.loc.column + 1}` : 'unknown position';
    problems.push(`not ES2017 (acorn, ecmaVersion 2017): ${e.message.replace(/ \(\d+:\d+\)$/, '')} at ${where}`);
  }
  if (ast) {
    walk(ast, (node) => {
      const line = node.loc ? node.loc.start.line : '?';
      if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' ||
          node.type === 'ExportAllDeclaration') && node.source) {
        checkImport(file, String(node.source.value), problems, line);
      } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' &&
          node.callee.name === 'require') {
        problems.push(`line ${line}: require() (use ES module imports)`);
      } else if (node.type === 'MemberExpression' && !node.computed && LATE_MEMBERS.has(node.property.name)) {
        problems.push(`line ${line}: .${node.property.name} is ES2018+ library, not ES2017`);
      } else if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' &&
          node.object.name === 'Promise' && node.property.name === 'any') {
        problems.push(`line ${line}: Promise.any is ES2021`);
      } else if (node.type === 'Identifier' && LATE_GLOBALS.has(node.name)) {
        problems.push(`line ${line}: ${node.name} is not ES2017`);
      }
    });
  }
  const name = relative(process.cwd(), file);
  if (problems.length === 0) {
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    [...new Set(problems)].forEach((p) => console.log(`    ${p}`));
  }
}
process.exit(failed === 0 ? 0 : 1);
