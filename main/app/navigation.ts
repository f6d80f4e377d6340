import { isAppPage } from './app-page';

/** What to do with a URL the renderer tries to open, in the window or in a new one. */
export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/** Web links go to the user's browser; everything else (file:, javascript:, data:, custom schemes) goes nowhere. */
export function isExternalWebUrl(candidate: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const { protocol } = new URL(candidate);
  return protocol === 'https:' || protocol === 'http:';
}

/** `will-navigate`: the window may only show the app's own page. */
export function decideNavigation(candidate: string, appEntry: URL): NavigationDecision {
  if (isAppPage(candidate, appEntry)) return 'allow';
  return isExternalWebUrl(candidate) ? 'open-externally' : 'deny';
}

/** `setWindowOpenHandler`: the app never opens a second Electron window from the renderer. */
export function decideWindowOpen(candidate: string): Exclude<NavigationDecision, 'allow'> {
  return isExternalWebUrl(candidate) ? 'open-externally' : 'deny';
}
