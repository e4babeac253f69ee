import { existsSync } from 'node:fs';

/**
 * The folder with the project's package.json: the nearest one above this module,
 * both for bench/*.ts and for the compiled copy in .data/bench-build/bench/.
 */
export const PROJECT_ROOT: URL = findProjectRoot(new URL('./', import.meta.url));

function findProjectRoot(start: URL): URL {
  for (let folder = start; folder.pathname !== '/'; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
  }
  throw new Error(`No package.json found above ${start.pathname}.`);
}
