/** package.json's version, inlined by electron.vite.config.ts (`define`). */
declare const __COLLAPSE_LAB_VERSION__: string;
