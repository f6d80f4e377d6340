/**
 * Which Node ABI a native addon was built for, read from the file itself.
 *
 * An addon built on V8's API (better-sqlite3 is one) exports its entry point as
 * `node_register_module_v<NODE_MODULE_VERSION>`, the ABI it was compiled against; a process
 * with another NODE_MODULE_VERSION refuses to load it. A Node-API addon exports
 * `napi_register_module_v1` instead and loads in any runtime. Reading the symbol name from the
 * bytes tells the two apart without loading the file (loading a wrong build crashes or throws).
 */
export type AddonAbi = { kind: 'node'; moduleVersion: number } | { kind: 'napi' } | { kind: 'unknown' };

const NODE_SYMBOL = /node_register_module_v(\d+)/;
const NAPI_SYMBOL = 'napi_register_module_v1';

export function addonAbi(bytes: Uint8Array): AddonAbi {
  // latin1 maps each byte to one char, so the ASCII symbol names survive whatever else the file holds.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const node = NODE_SYMBOL.exec(text);
  if (node) return { kind: 'node', moduleVersion: Number(node[1]) };
  if (text.includes(NAPI_SYMBOL)) return { kind: 'napi' };
  return { kind: 'unknown' };
}

export type AbiVerdict = { ok: true } | { ok: false; reason: string };

/** Whether an addon with this ABI loads in a runtime whose NODE_MODULE_VERSION is `expected`. */
export function abiVerdict(found: AddonAbi, expected: number, runtime: string): AbiVerdict {
  if (found.kind === 'napi') return { ok: true };
  if (found.kind === 'unknown') return { ok: false, reason: 'it exports no Node module entry point (not a Node addon, or a damaged file)' };
  if (found.moduleVersion === expected) return { ok: true };
  return {
    ok: false,
    reason: `it was built for NODE_MODULE_VERSION ${found.moduleVersion}${describeAbi(found.moduleVersion)}, and ${runtime} needs ${expected}`,
  };
}

/** Names the runtime of a well-known ABI, to make "115" mean something in an error line. */
function describeAbi(moduleVersion: number): string {
  const node: Record<number, string> = { 108: 'Node 18', 115: 'Node 20', 127: 'Node 22', 137: 'Node 24' };
  return node[moduleVersion] ? ` (${node[moduleVersion]})` : '';
}
