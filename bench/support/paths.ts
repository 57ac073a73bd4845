import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** True when this code runs compiled (dist/…/*.js), false under @swc-node/register from source. */
export const runningCompiled = __filename.endsWith('.js');

/**
 * How to start a Node entry point of this repository: the compiled file under dist/ when the bench
 * itself runs compiled (production mode), else the TypeScript source through @swc-node/register
 * (the smoke test).
 */
export function nodeEntry(sourcePath: string, nodeArgs: string[] = []): { args: string[]; cwd: string } {
  const root = repositoryRoot();
  if (runningCompiled) {
    return { args: [...nodeArgs, join(root, 'dist', sourcePath.replace(/\.ts$/, '.js'))], cwd: root };
  }
  return { args: ['-r', '@swc-node/register', ...nodeArgs, join(root, sourcePath)], cwd: root };
}
