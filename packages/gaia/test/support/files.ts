import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `root`, relative, `/`-separated, sorted. */
export function filesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** Files a client could have caused: everything but the hub's own revocation and first-sight records. */
export function clientFiles(root: string): string[] {
  return filesUnder(root).filter((file) => !/^(\.gaia-metadata\/)?[a-zA-Z0-9]+-auth\//.test(file));
}
