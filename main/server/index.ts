/** The browser mode's host: the built UI and the contract over a loopback WebSocket. */
export { startServer, type ServeOptions, type RunningServer } from './ws-server';
export { upgradeRefusal, isAllowedHost, isAllowedOrigin, tokenMatches, allowedHosts } from './guards';
