/**
 * A small glob matcher for the `articleLens.include` / `articleLens.exclude` settings and the
 * language's filename patterns: `**` (any folders), `*` and `?` (within one path segment),
 * `{a,b}` alternatives. Paths are matched with forward slashes, relative to a workspace folder.
 */

const cache = new Map<string, RegExp>();

/** The regular expression equivalent of `glob`. */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" matches zero or more folders; a trailing "**" matches anything.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const regexp = new RegExp(`^${source}$`, 'i');
  cache.set(glob, regexp);
  return regexp;
}

/** Whether the relative path matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const normalized = relativePath.replace(/\\/g, '/');
  return globs.some(glob => globToRegExp(glob).test(normalized));
}
