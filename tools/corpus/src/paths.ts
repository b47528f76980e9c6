import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** tools/corpus (this file is compiled to tools/corpus/dist/paths.js). */
export const corpusRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where the programs' sources, build scripts and built modules are. */
export const programsDir = join(corpusRoot, 'programs');
/** The child-process entry that runs one program on one engine. */
export const childScript = join(corpusRoot, 'dist', 'child.js');
