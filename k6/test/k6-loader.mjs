// Module hooks for k6-hooks.mjs (they run on node's loader thread).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const stubs = new URL('./k6-stubs/', import.meta.url);
const k6Folder = new URL('../', import.meta.url).href;
const STUBBED = { k6: 'k6.mjs', 'k6/http': 'http.mjs', 'k6/metrics': 'metrics.mjs', 'k6/execution': 'execution.mjs' };

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'k6' || specifier.startsWith('k6/')) {
    if (!STUBBED[specifier]) {
      throw new Error(`the self-test has no stub for '${specifier}' (add one to k6/test/k6-stubs/)`);
    }
    return { url: new URL(STUBBED[specifier], stubs).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  const path = url.split('?')[0];
  if (path.startsWith(k6Folder) && path.endsWith('.js')) {
    return { format: 'module', source: await readFile(fileURLToPath(path), 'utf8'), shortCircuit: true };
  }
  return nextLoad(url, context);
}
