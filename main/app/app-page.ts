import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files electron-vite writes next to the main bundle (`out/main/index.js`). */
export interface BuiltAppPaths {
  /** The sandboxed preload: one CommonJS bundle, as sandboxed preloads cannot be ES modules. */
  preload: string;
  /** The renderer's built `index.html`. */
  rendererIndex: string;
}

/** Paths of the built preload and renderer, given `import.meta.url` of the main bundle. */
export function builtAppPaths(mainModuleUrl: string): BuiltAppPaths {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', mainModuleUrl)),
    rendererIndex: fileURLToPath(new URL('../renderer/index.html', mainModuleUrl)),
  };
}

export interface AppEntryInput {
  /** `ELECTRON_RENDERER_URL`, which `electron-vite dev` sets to its dev server. */
  devServerUrl: string | undefined;
  /** `app.isPackaged`: a packaged app never loads a page named by its environment. */
  isPackaged: boolean;
  rendererIndex: string;
}

/** The URL of the app's own page: the dev server during development, else the built index.html. */
export function appEntryUrl({ devServerUrl, isPackaged, rendererIndex }: AppEntryInput): URL {
  if (isPackaged || !devServerUrl) return pathToFileURL(rendererIndex);
  const url = URL.canParse(devServerUrl) ? new URL(devServerUrl) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(`expected ELECTRON_RENDERER_URL to be an http(s) URL but got ${JSON.stringify(devServerUrl)}`);
  }
  return url;
}

/**
 * Whether `candidate` is the app's own page. A dev server is trusted by origin; a built app
 * by its one file (query and fragment are free, so in-page routing stays possible), because
 * every file:// URL shares the opaque origin "null".
 */
export function isAppPage(candidate: string, appEntry: URL): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  if (appEntry.protocol === 'file:') {
    return url.protocol === 'file:' && url.host === appEntry.host && url.pathname === appEntry.pathname;
  }
  return url.origin === appEntry.origin;
}
