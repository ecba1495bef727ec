/*
 * Reaching Node's built-in modules at run time, through process.getBuiltinModule (Node ≥ 20.16),
 * so the package keeps no static `node:` import and still bundles for browsers, where there are none.
 */

/** Just enough of the global `process` to ask Node for a built-in module. */
export interface NodeLikeGlobals {
  readonly process?: { readonly getBuiltinModule?: (id: string) => unknown };
}

/** A built-in module of the running Node, or undefined in a browser or another runtime. */
export function builtinModule(globals: NodeLikeGlobals, id: string): unknown {
  const runtime = globals.process;
  const getBuiltinModule = runtime?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  try {
    return getBuiltinModule.call(runtime, id);
  } catch {
    return undefined;
  }
}
