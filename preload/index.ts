/**
 * Sandboxed preload: bundled into one CommonJS file, because a sandboxed preload can require
 * only `electron` and a few Node built-ins, and cannot be an ES module.
 *
 * For now it exposes only a frozen placeholder. The typed contract (preload/contract.ts: the
 * handler map, event map, channel list and the `WorkbenchBridge` type) arrives with the
 * desktop-app issue, and this object will then implement it.
 */
import { contextBridge } from 'electron';

const workbench = Object.freeze({ version: __COLLAPSE_LAB_VERSION__ });

contextBridge.exposeInMainWorld('workbench', workbench);
