import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's folder (the one holding package.json), found upwards from `from`: the same
 * answer when running from src/ under tsx and from the build in dist/server/.
 */
export function projectRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
