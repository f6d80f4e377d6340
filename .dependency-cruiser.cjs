/**
 * The layer table of docs/architecture.md as import rules, checked by `npm run check` and CI.
 * Every rule is an error: the check passes only with zero findings. Paths are relative to the
 * folder the check runs in, so test/build/layer-rules.test.ts can run these same rules on a
 * planted tree.
 */
const MAIN_ONLY = '^main/(app|cli|server|services|engine-host|store)/|^main/index\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment: 'engine/ runs anywhere (a worker, a browser, a test): no Node built-ins.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-imports-only-itself',
      comment: 'engine/ imports its own files, common/, tfjs (the instance is passed in) and ml-pca; nothing else.',
      severity: 'error',
      from: { path: '^engine/' },
      // Built-ins and unresolved imports have rules of their own (engine-is-pure, imports-resolve).
      to: { pathNot: '^engine/|^common/|^node_modules/@tensorflow/tfjs[a-z-]*/|^node_modules/ml-(pca|matrix)/', dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    {
      name: 'common-imports-only-itself',
      comment:
        'common/ is the pure code both sides run (main and the page, the engine too): it imports its own files and nothing else, no Node built-in, no package.',
      severity: 'error',
      from: { path: '^common/' },
      // Unresolved imports have a rule of their own (imports-resolve).
      to: { pathNot: '^common/', couldNotResolve: false },
    },
    {
      name: 'electron-only-in-the-shell',
      comment: 'Only main/app, main/index.ts and preload/ may touch Electron; everything else runs in plain Node.',
      severity: 'error',
      from: { pathNot: '^main/app/|^main/index\\.ts$|^preload/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'store-is-below-the-services',
      comment: 'The store knows SQLite and engine types, never who calls it.',
      severity: 'error',
      from: { path: '^main/store/' },
      to: { path: '^main/(app|cli|server|services|engine-host)/|^main/index\\.ts$|^renderer/|^preload/' },
    },
    {
      name: 'engine-host-runs-the-engine-only',
      comment: 'The engine host runs engine jobs on workers; it neither stores nor serves.',
      severity: 'error',
      from: { path: '^main/engine-host/' },
      to: { path: '^main/(app|cli|server|services|store)/|^main/index\\.ts$|^renderer/' },
    },
    {
      name: 'services-know-no-transport',
      comment: 'The services are the API; the CLI, the WebSocket server and Electron IPC call them, not the reverse.',
      severity: 'error',
      from: { path: '^main/services/' },
      to: { path: '^main/(app|cli|server)/|^main/index\\.ts$|^renderer/' },
    },
    {
      name: 'headless-hosts-stay-headless',
      comment: 'The CLI and the browser-mode server never load the Electron shell or the UI code.',
      severity: 'error',
      from: { path: '^main/(cli|server)/' },
      to: { path: '^main/app/|^main/index\\.ts$|^renderer/' },
    },
    {
      name: 'shell-does-not-import-the-ui',
      comment: 'The Electron shell loads the built renderer as a page, never its modules.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'preload-takes-only-types',
      comment: 'The sandboxed preload is one small file: types from engine/ and main/, no runtime code.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(engine|main|renderer)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-is-a-page',
      comment: 'The UI runs in a sandboxed page: no Node built-ins, no engine or main code.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: `^engine/|${MAIN_ONLY}` },
    },
    {
      name: 'renderer-has-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-reaches-main-through-the-contract',
      comment: 'window.workbench is the only door: type-only imports of preload/contract.ts.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^preload/', pathNot: '^preload/contract\\.ts$' },
    },
    {
      name: 'renderer-contract-types-only',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^preload/contract\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-import-cycles',
      comment: 'A cycle ties two modules into one: neither can be loaded, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'imports-resolve',
      comment: 'An import that resolves to nothing fails at run time; vite-only suffixes (?nodeWorker) are the exception.',
      severity: 'error',
      from: { pathNot: '^node_modules/' },
      to: { couldNotResolve: true, pathNot: '\\?(nodeWorker|modulePath|url|raw)$' },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    // Paths as written, not resolved through symlinks: a linked node_modules (the planted trees of
    // test/build/layer-rules.test.ts) is still node_modules/.
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json', '.d.ts'],
    },
    // node_modules stays in the graph (the rules look at what is imported from it) but is not
    // followed (doNotFollow above); build outputs and scratch folders are not ours to check.
    exclude: { path: '^(out|dist|test-results|\\.scratch)/' },
  },
};
