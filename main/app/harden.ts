import { shell, type Session, type WebContents } from 'electron';
import { isAppPage } from './app-page';
import { withContentSecurityPolicy } from './content-security-policy';
import { decideNavigation, decideWindowOpen } from './navigation';

/**
 * Session-wide rules: the app's own pages get our content security policy as a response
 * header (on top of the <meta> tag, which is what file:// pages rely on), and no web
 * permission (camera, notifications, ...) is ever granted.
 */
export function hardenSession(session: Session, appEntry: URL, policy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Checks (navigator.permissions.query and friends) too, not only requests.
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url, appEntry)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

/** Keeps a window on the app's own page: no new windows, no navigation away, web links go to the browser. */
export function guardNavigation(contents: WebContents, appEntry: URL): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, appEntry);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openInBrowser(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => {
    console.error(`Could not open ${url} in the browser:`, error);
  });
}
