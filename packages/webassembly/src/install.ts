/**
 * Side-effect entry: `import '@weft/webassembly/install'` (or
 * `node --import @weft/webassembly/install app.js`) installs Weft's
 * `WebAssembly` as the global where the native one is missing or unusable.
 * Set `WEFT_WEBASSEMBLY=force` in the environment (Node), or
 * `globalThis.WEFT_WEBASSEMBLY = 'force'` before the import, to install it
 * in any case.
 */
import { install } from './index.js';

install();
