// The examples build from this repository, not from the registry: `natter` is the repo's own build
// (dist/, made by `stencil build`) and `natter-react` / `natter-vue` are the wrapper folders. An app
// that installs the packages needs none of this. See docs/decisions/0012-wrappers.md.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const natterAliases = [
  // The wrappers import the custom-elements build: `natter/components` and `natter/components/<tag>.js`.
  { find: /^natter\/components$/, replacement: `${root}dist/components/index.js` },
  { find: /^natter\/components\/(.*)$/, replacement: `${root}dist/components/$1` },
  { find: /^natter-react$/, replacement: `${root}wrappers/react/src/index.ts` },
  { find: /^natter-vue$/, replacement: `${root}wrappers/vue/src/index.ts` },
];
