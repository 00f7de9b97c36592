'use strict';
/*
 * A long-lived host for the embedded (wasm) Lean: pays Node/wasm start-up once, then runs
 * `lean ARGS` once per request, each time from the same pristine state.
 *
 * Usage (started by etp/lean/host.py, under the same `node --permission ...` flags as a
 * one-shot Lean):  node [flags] host.js GLUE REQUEST_FD REPLY_FD
 * Protocol: JSON lines; requests are read from REQUEST_FD, replies written to REPLY_FD. fd 0 is
 * /dev/null (Lean may read stdin) and fds 1/2 are only a log: Lean's own stdout/stderr
 * (print/printErr and the glue's console.log debug lines) are written, as they come, to the
 * files the request names.
 *
 *   -> {"ready": true, "startup_seconds": s}          once the runtime is up (or {"fatal": why})
 *   <- {"id", "args", "cwd", "env": {LEAN_PATH, ETP_LEAN_MOUNTS, ETP_LEAN_FILES},
 *       "files": {path: base64}, "stdout": path, "stderr": path}
 *   -> {"id", "exit_code", "seconds", "crashed"?}      the run is over, its output complete
 *   -> {"ready": bool, "id", "reset_seconds", "timing", "why"?}   restored (or not: the host exits)
 *
 * The snapshot. The glue (lean-etp.js) is evaluated once inside a wrapper function, so its
 * top-level variables (FS, PThread, ENV, the wasm table, ...) are reachable through accessors
 * appended to it (their names are found by scanning its source). Worker threads load this same
 * file (Module.mainScriptUrlOrBlob) and wrap the glue the same way. The snapshot is taken when
 * the runtime is initialized and before `main` ever ran (Module.noInitialRun): a copy of the
 * wasm linear memory (16 MiB then), the mutable wasm globals (`__stack_pointer`, tempRet0; the
 * others are thread state, checked through their getters), the function table, the JS state
 * that main changes, and a deep fingerprint of every top-level glue variable and of the file
 * system, in the main thread and in each pool worker. Lean's own initialization (module
 * initializers, search path, task manager) happens inside `main`, so each request repeats it:
 * ~0.05-0.3 s. A later snapshot point cannot be reached by this design: the wasm call stack of
 * a running `main` (or of the worker thread running its frontend, where the import happens)
 * is not in linear memory and cannot be saved or re-entered; only a state between calls from
 * JavaScript can be restored. Reusing an import (2.9 s of a 3.6 s one-theorem run) would need
 * JavaScript to drive Lean's frontend itself through its exports (lean_import_modules,
 * l_Lean_Elab_processHeader, l_Lean_Elab_IO_processCommands, ... with the IO world erased and
 * signatures that change between Lean versions) and print what `lean --json` prints; that is
 * not done here: its output could not be shown equal to `lean --json`'s.
 *
 * A request runs `callMain(args)` as a fresh process would: Lean's `main` ends with exit(),
 * whose exit handlers (atexit, stdio flush, closing every stream) run as in a fresh process.
 * Two things differ, both at that exit:
 *  - Lean's task manager is stopped before the exit handlers: its destructor (built for
 *    Emscripten it does not join, and lean_finalize_task_manager would free the object under
 *    the running threads, which then hang on the freed mutex) is run without freeing, and the
 *    host waits until every pthread returned from its start routine (shared flags set by the
 *    workers). A task still running at exit is allowed to finish (at most 10 s; past that the
 *    host is discarded) where a fresh process would be killed with it.
 *  - the pthread workers are not terminated, and the process does not exit.
 * Then, after the reply (output complete: every worker answered a round trip, so the messages
 * its threads sent, printed output included, have been handled):
 *  1. memory is copied back from the snapshot (memory that grew is zeroed; it cannot shrink),
 *     the stack pointer and tempRet0 are reset, table slots added since are emptied and handed
 *     out again in the order a fresh process would use;
 *  2. the JS state main changes is reset: the whole in-memory file system is rebuilt the way
 *     the glue built it (staticInit, init, the SOCKFS/PIPEFS mounts, the files start-up
 *     wrote), ENV and the cached environment strings, exit status and abort flags, C++
 *     exception bookkeeping, timers, warnOnce, DNS, loaded libraries, scratch arrays, every
 *     top-level variable holding a primitive;
 *  3. each pool worker resets its own JS state the same way (workers Lean added beyond the
 *     pool are terminated);
 *  4. everything is fingerprinted again and compared with the snapshot, as are globalThis, the
 *     Module object and the pending Node resources: any difference (a variable this list
 *     forgot, a timer left behind, a dlopen'ed library) makes the host say `ready: false` and
 *     exit, so that no later request is served from it.
 * A request that crashes Lean (a trap, a JS stack overflow, an abort, a worker's error) is
 * reported like a fresh process reports it (exit 1, the error on stderr) and the host exits.
 *
 * Lean code must not reach JavaScript: emscripten's dlsym serves every import of the module,
 * including `emscripten_run_script` (eval), so a checked file could define
 * `@[export emscripten_run_script_int] def ...` and have the interpreter call it (a one-shot
 * run then hangs or crashes). The host (main thread and workers) resolves only the module's
 * own exports.
 */

const vm = require('vm');
const fs = require('fs');
const path = require('path');
const util = require('util');
const workerThreads = require('worker_threads');

const IS_WORKER = !workerThreads.isMainThread;
const GLUE = IS_WORKER ? process.env.ETP_HOST_GLUE : path.resolve(process.argv[2] || '');
const REQUEST_FD = Number(process.argv[3] || 3);
const REPLY_FD = Number(process.argv[4] || 4);

// ------------------------------------------------------------------ the glue, wrapped

/** Names of the glue's top-level declarations (var, let, const, function, class), found by
 * scanning its source: strings, template literals, regular expressions and comments are
 * skipped, braces counted. `var` inside top-level blocks counts too (function scope). */
function topLevelNames(src) {
  const names = new Set();
  let depth = 0; // braces of blocks at top level (if/else/try); function bodies are skipped
  const n = src.length;
  let i = 0;
  let prevSignificant = ';';
  let funcDepth = 0; // >0 while inside a function body
  const stack = []; // 'f' for a function body brace, 'b' for a block brace, 'o' for object/other
  let pendingFunction = false; // saw `function`/`=>`/`class` whose body brace comes next
  const isIdent = c => /[A-Za-z0-9_$]/.test(c);
  const regexAllowedAfter = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
  let lastWord = '';
  while (i < n) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c) { if (src[i] === '\\') i++; i++; }
      i++; prevSignificant = 'a'; lastWord = ''; continue;
    }
    if (c === '`') { i = skipTemplate(src, i); prevSignificant = 'a'; lastWord = ''; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i + 2) + 2; continue; }
    if (c === '/' && (regexAllowedAfter.has(prevSignificant) || lastWord === 'return' || lastWord === 'typeof')) {
      i++;
      let inClass = false;
      while (i < n) {
        const d = src[i];
        if (d === '\\') { i += 2; continue; }
        if (d === '[') inClass = true; else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < n && isIdent(src[i])) i++;
      prevSignificant = 'a'; lastWord = ''; continue;
    }
    if (isIdent(c)) {
      let j = i;
      while (j < n && isIdent(src[j])) j++;
      const word = src.slice(i, j);
      if (funcDepth === 0 && !/^[0-9]/.test(word)) {
        if (word === 'var' || ((word === 'let' || word === 'const') && depth === 0)) {
          collectDeclarators(src, j, names);
        } else if ((word === 'function' || word === 'class') && depth === 0 && stack.length === 0 && prevSignificant !== '=' && prevSignificant !== '(' && prevSignificant !== ',' && prevSignificant !== ':') {
          const m = /^\s*\*?\s*([A-Za-z_$][A-Za-z0-9_$]*)/.exec(src.slice(j, j + 200));
          if (m) names.add(m[1]);
        }
      }
      if (word === 'function' || word === 'class') pendingFunction = true;
      lastWord = word; prevSignificant = 'a'; i = j; continue;
    }
    if (c === '=' && src[i + 1] === '>') { pendingFunction = true; i += 2; prevSignificant = '='; lastWord = ''; continue; }
    if (c === '{') {
      let kind;
      if (pendingFunction) kind = 'f';
      else if (prevSignificant === ')' || prevSignificant === '{' || prevSignificant === '}' || prevSignificant === ';' || lastWord === 'else' || lastWord === 'try' || lastWord === 'finally' || lastWord === 'do') kind = 'b';
      else kind = 'o';
      // a method in an object or class literal: `name(args){` is a function body
      if (kind === 'b' && prevSignificant === ')' && stack.length && stack[stack.length - 1] === 'o') kind = 'f';
      stack.push(kind);
      if (kind === 'f') funcDepth++;
      else if (kind === 'b' && funcDepth === 0 && !stack.includes('o')) depth++;
      pendingFunction = false;
    } else if (c === '}') {
      const kind = stack.pop();
      if (kind === 'f') funcDepth--;
      else if (kind === 'b' && funcDepth === 0 && !stack.includes('o')) depth--;
    } else if (c === '(' && pendingFunction) {
      // parameters: skip to the matching parenthesis so `{` of a default value is not the body
      let d = 0;
      for (; i < n; i++) {
        const e = src[i];
        if (e === '(') d++; else if (e === ')') { d--; if (d === 0) break; }
        else if (e === '"' || e === "'") { const q = e; i++; while (src[i] !== q) { if (src[i] === '\\') i++; i++; } }
        else if (e === '`') { i = skipTemplate(src, i) - 1; }
      }
      prevSignificant = ')'; i++; continue;
    }
    if (!/\s/.test(c)) { prevSignificant = c; lastWord = ''; }
    i++;
  }
  return names;
}

function skipTemplate(src, i) {
  i++;
  while (i < src.length) {
    const d = src[i];
    if (d === '\\') { i += 2; continue; }
    if (d === '`') return i + 1;
    if (d === '$' && src[i + 1] === '{') {
      let depth = 1; i += 2;
      while (i < src.length && depth > 0) {
        const e = src[i];
        if (e === '{') depth++; else if (e === '}') depth--;
        else if (e === '`') { i = skipTemplate(src, i); continue; }
        else if (e === '"' || e === "'") { const q = e; i++; while (src[i] !== q) { if (src[i] === '\\') i++; i++; } }
        i++;
      }
      continue;
    }
    i++;
  }
  return i;
}

/** `a=1,b=f(x,y),c` after `var`: the declared names (commas inside brackets are skipped). */
function collectDeclarators(src, j, names) {
  const n = src.length;
  let expectName = true;
  let d = 0;
  while (j < n) {
    const c = src[j];
    if (expectName) {
      const m = /^\s*([A-Za-z_$][A-Za-z0-9_$]*)/.exec(src.slice(j, j + 300));
      if (!m) return;
      names.add(m[1]);
      j += m[0].length; expectName = false; continue;
    }
    if (c === '"' || c === "'") { j++; while (j < n && src[j] !== c) { if (src[j] === '\\') j++; j++; } j++; continue; }
    if (c === '`') { j = skipTemplate(src, j); continue; }
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') { if (d === 0) return; d--; }
    else if (c === ',' && d === 0) expectName = true;
    else if (c === ';' && d === 0) return;
    j++;
  }
}

function loadGlue(Module) {
  let src = fs.readFileSync(GLUE, 'utf8');
  // The two giant pieces (the 201,110 export variables and their assignment) hold no state
  // of their own; the scanner skips them for speed, except the one that is: wasmTable.
  const bigVar = src.indexOf('var _main,_lean_main');
  const bigVarEnd = src.indexOf(';', bigVar);
  const assign = src.indexOf('function assignWasmExports(');
  if (bigVar < 0 || assign < 0 || assign <= bigVarEnd) throw new Error(`unexpected glue layout: ${GLUE}`);
  const assignEnd = src.indexOf('}function ', assign) + 1 || src.indexOf('}var ', assign) + 1;
  const names = topLevelNames(src.slice(0, bigVar) + ';' + src.slice(bigVarEnd + 1, assign) + ';' + src.slice(assignEnd));
  names.add('wasmTable');
  for (const bad of ['Module', 'require', '__filename', '__dirname', 'module', 'arguments', 'eval']) names.delete(bad);
  const list = [...names].filter(n => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(n));
  const accessors = list.map(n => `${JSON.stringify(n)}:[()=>${n},v=>{${n}=v}]`).join(',');
  const wrapped = '(function(Module,require,__filename,__dirname,module){' + src +
    '\n;return {' + accessors + '};\n})';
  src = null;
  const fn = vm.runInThisContext(wrapped, { filename: GLUE });
  const table = fn(Module, glueRequire, GLUE, path.dirname(GLUE), undefined);
  const G = {};
  for (const n of list) Object.defineProperty(G, n, { get: table[n][0], set: table[n][1], enumerable: true });
  return { G, names: list };
}

// `require` for the glue: `fs.readFileSync` serves the request's loose files (ETP_LEAN_FILES)
// from memory; everything else is the real module.
let requestFiles = null;
const glueFs = Object.assign(Object.create(fs), {
  readFileSync(p, ...rest) {
    if (requestFiles && typeof p === 'string' && Object.prototype.hasOwnProperty.call(requestFiles, p)) {
      return Buffer.from(requestFiles[p], 'base64');
    }
    return fs.readFileSync(p, ...rest);
  },
});
function glueRequire(name) {
  return name === 'fs' ? glueFs : require(name);
}

// ------------------------------------------------------------------ fingerprints

// Variables whose identity or content is checked elsewhere (memory, table) or that are
// large and fixed after start-up (the module's exports and imports, the GOT, the views).
const FINGERPRINT_SKIP = new Set([
  'wasmMemory', 'wasmTable', 'wasmModule', 'wasmExports', 'wasmImports', 'wasmBinary', 'GOT',
  'HEAP8', 'HEAPU8', 'HEAP16', 'HEAPU16', 'HEAP32', 'HEAPU32', 'HEAPF32', 'HEAPF64', 'HEAP64', 'HEAPU64',
  'wasmTableMirror', 'functionsInTableMap', 'freeTableIndexes', 'FS', 'MEMFS', 'TTY', 'PThread',
  'out', 'err', 'quit_', 'thisProgram', 'worker_threads', 'fs', 'utils', 'tempFixedLengthArray',
  // the host keeps the runtime alive between requests (a fresh glue has false): see runMain
  'noExitRuntime',
]);

// When a node was created: a fresh process has its start time there, a reset host the time of
// the reset; neither depends on an earlier request.
const TIME_KEYS = new Set(['atime', 'mtime', 'ctime', 'timestamp']);

// Objects shown by a label only: the module's imports (fixed once linked; dlsym's table of
// them, also reachable as LDSO's main library's exports) and the lookup's index of them.
const SUMMARIZED = new Map();

function fingerprint(value, budget) {
  const seen = new Map();
  let count = 0;
  const walk = (v, depth) => {
    if (++count > budget) return '…';
    const t = typeof v;
    if (v === null || t === 'undefined' || t === 'boolean' || t === 'number' || t === 'bigint') return `${t}:${String(v)}`;
    if (t === 'string') return JSON.stringify(v.length > 200 ? v.slice(0, 200) + `…${v.length}` : v);
    if (t === 'symbol') return v.toString();
    if (seen.has(v)) return `@${seen.get(v)}`;
    if (SUMMARIZED.has(v)) return SUMMARIZED.get(v)(v);
    seen.set(v, seen.size);
    if (depth > 6) return t === 'function' ? 'fn' : 'obj…';
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${v.length}]`;
    if (v instanceof WebAssembly.Module || v instanceof WebAssembly.Instance || v instanceof WebAssembly.Memory || v instanceof WebAssembly.Table) return v.constructor.name;
    if (v instanceof WebAssembly.Global) { try { return `Global(${v.value})`; } catch { return 'Global'; } }
    if (typeof workerThreads.Worker === 'function' && v instanceof workerThreads.Worker) return 'Worker';
    if (v instanceof Map || v instanceof Set) {
      const parts = [];
      for (const e of v instanceof Map ? v.entries() : v.values()) {
        if (parts.length >= 50) break;
        parts.push(v instanceof Map ? walk(e[0], depth + 1) + '=>' + walk(e[1], depth + 1) : walk(e, depth + 1));
      }
      return `${v.constructor.name}{${parts.join(',')}|${v.size}}`;
    }
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise) return v.constructor.name;
    const keys = Object.keys(v).filter(k => !TIME_KEYS.has(k));
    if (Array.isArray(v)) return `[${v.length}:${v.slice(0, 200).map(x => walk(x, depth + 1)).join(',')}]`;
    const shown = keys.length > 300 ? keys.filter(k => !k.startsWith('_')).slice(0, 300) : keys;
    return `${t === 'function' ? 'fn' : ''}{${keys.length}:${shown.map(k => {
      let x;
      try { x = v[k]; } catch { x = '<throws>'; }
      return k + '=' + walk(x, depth + 1);
    }).join(',')}}`;
  };
  return walk(value, 0);
}

/** Every variable's fingerprint (a string) by name. */
function glueFingerprints(G, names) {
  const out = {};
  const slow = [];
  for (const n of names) {
    if (FINGERPRINT_SKIP.has(n)) continue;
    let v;
    try { v = G[n]; } catch { continue; } // a name the scanner found but the glue never declared
    const t = performance.now();
    out[n] = fingerprint(v, 20000);
    if (process.env.ETP_HOST_PROFILE) slow.push([performance.now() - t, n, out[n].length]);
  }
  if (process.env.ETP_HOST_PROFILE) logLine(`slowest fingerprints: ${slow.sort((a, b) => b[0] - a[0]).slice(0, 12).map(([t, n, l]) => `${n} ${t.toFixed(1)}ms ${l}`).join(', ')}`);
  return out;
}

/** The in-memory file system: every node reachable from the root (mount points followed),
 * with what Lean could observe (name, inode, mode, size, contents' hash, link target), the
 * open streams, mounts, current directory and counters. */
function fsFingerprint(G) {
  const FS = G.FS;
  const lines = [];
  const crypto = require('crypto');
  const visit = (node, p, depth) => {
    if (!node || depth > 40) return;
    if (node.mounted) { lines.push(`${p} MOUNT ${node.mounted.type === G.NODEFS ? 'NODEFS' : node.mounted.type === G.MEMFS ? 'MEMFS' : 'other'} ${JSON.stringify(node.mounted.opts)}`); node = node.mounted.root; if (node.mount.type === G.NODEFS) return; }
    let info = `${p} ino=${node.id} mode=${node.mode} rdev=${node.rdev}`;
    if (G.FS.isFile(node.mode)) {
      const c = node.contents;
      const bytes = c ? (c.subarray ? c.subarray(0, node.usedBytes) : Uint8Array.from(c)) : new Uint8Array(0);
      info += ` size=${node.usedBytes} sha=${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
    }
    if (G.FS.isLink(node.mode)) info += ` link=${node.link}`;
    lines.push(info);
    if (G.FS.isDir(node.mode) && node.contents && typeof node.contents === 'object') {
      for (const name of Object.keys(node.contents).sort()) visit(node.contents[name], `${p === '/' ? '' : p}/${name}`, depth + 1);
    }
  };
  visit(FS.root, '/', 0);
  lines.push(`cwd=${FS.currentPath} nextInode=${FS.nextInode} initialized=${FS.initialized} ignorePermissions=${FS.ignorePermissions} syncFSRequests=${FS.syncFSRequests}`);
  lines.push(`mounts=${FS.mounts.map(m => m.mountpoint).join(',')}`);
  lines.push(`streams=${FS.streams.map((s, i) => s ? `${i}:${s.path}:${s.flags}:${s.position}` : '').join(',')}`);
  lines.push(`devices=${Object.keys(FS.devices).join(',')} ttys=${Object.keys(G.TTY.ttys).map(k => `${k}:${G.TTY.ttys[k].input.length}/${G.TTY.ttys[k].output.length}`).join(',')}`);
  lines.push(`readFiles=${Object.keys(FS.readFiles).length} nameTable=${FS.nameTable ? FS.nameTable.length : 'null'}`);
  lines.push(`FS keys=${Object.keys(FS).sort().join(',')}`);
  lines.push(`FS scalars=${Object.keys(FS).filter(k => typeof FS[k] !== 'object' && typeof FS[k] !== 'function').sort().map(k => `${k}:${FS[k]}`).join(',')}`);
  const rest = {};
  for (const k of Object.keys(FS)) if (!['root', 'mounts', 'streams', 'nameTable', 'devices', 'readFiles'].includes(k)) rest[k] = FS[k];
  lines.push(`FS other=${fingerprint(rest, 20000)}`);
  lines.push(`MEMFS=${fingerprint(G.MEMFS, 2000)}`);
  lines.push(`PThread=${fingerprint({ pthreads: Object.keys(G.PThread.pthreads), running: G.PThread.runningWorkers.length, tls: G.PThread.tlsInitFunctions.length, finished: [...G.PThread.finishedThreads], outstanding: Object.keys(G.PThread.outstandingPromises || {}) }, 1000)}`);
  return lines;
}

function diffFingerprints(before, after) {
  const diffs = [];
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[k] !== after[k]) diffs.push(k);
  }
  return diffs;
}

// ------------------------------------------------------------------ JS state: snapshot, reset

/** What a fresh glue holds in the variables main may change, taken right after start-up. */
function captureJsState(G) {
  return {
    ENV: { ...G.ENV },
    envStrings: G.getEnvStrings.strings,
    EXITSTATUS: G.EXITSTATUS,
    ABORT: G.ABORT,
    runtimeExited: G.runtimeExited,
    runtimeKeepaliveCounter: G.runtimeKeepaliveCounter,
    exceptionLast: G.exceptionLast,
    uncaughtExceptionCount: G.uncaughtExceptionCount,
    exceptionCaughtLength: G.exceptionCaught.length,
    proxiedJSCallArgsLength: G.proxiedJSCallArgs.length,
    readEmAsmArgsArrayLength: G.readEmAsmArgsArray.length,
    varargs: G.SYSCALLS.varargs,
    warnOnceShown: G.warnOnce.shown === undefined ? undefined : { ...G.warnOnce.shown },
    DNS: JSON.stringify(G.DNS.address_map),
    socketName: G.SOCKFS.nextname.current,
    pipeName: G.PIPEFS.nextname.current,
    loadedLibsByName: { ...G.LDSO.loadedLibsByName },
    loadedLibsByHandle: { ...G.LDSO.loadedLibsByHandle },
    GOTsize: Object.keys(G.GOT).length,
    freeTableIndexes: [...G.freeTableIndexes],
    tableLength: G.wasmTable.length,
    MainLoop: { ...G.MainLoop, queue: [...G.MainLoop.queue], preMainLoop: [...G.MainLoop.preMainLoop], postMainLoop: [...G.MainLoop.postMainLoop] },
  };
}

/** Every top-level variable holding a primitive (flags, counters, status): a pristine glue has
 * exactly the snapshot's values. */
function capturePrimitives(G, names) {
  const out = new Map();
  for (const n of names) {
    if (FINGERPRINT_SKIP.has(n)) continue;
    let v;
    try { v = G[n]; } catch { continue; }
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) out.set(n, v);
  }
  return out;
}

function restorePrimitives(G, P) {
  for (const [n, v] of P) {
    if (G[n] !== v) G[n] = v;
  }
}

/** Put back the variables listed in captureJsState (the table is done by resetTable). */
function resetJsState(G, S) {
  G.ENV = { ...S.ENV };
  // `var ENV` is captured by closures through the variable itself, not a copy: reassigning is enough.
  if (S.envStrings === undefined) delete G.getEnvStrings.strings; else G.getEnvStrings.strings = S.envStrings;
  G.EXITSTATUS = S.EXITSTATUS;
  G.ABORT = S.ABORT;
  G.runtimeExited = S.runtimeExited;
  G.runtimeKeepaliveCounter = S.runtimeKeepaliveCounter;
  G.exceptionLast = S.exceptionLast;
  G.uncaughtExceptionCount = S.uncaughtExceptionCount;
  G.exceptionCaught.length = S.exceptionCaughtLength;
  // scratch space of proxied calls and of EM_ASM arguments, filled anew by every use
  G.proxiedJSCallArgs.length = S.proxiedJSCallArgsLength;
  G.readEmAsmArgsArray.length = S.readEmAsmArgsArrayLength;
  G.SYSCALLS.varargs = S.varargs;
  if (S.warnOnceShown === undefined) delete G.warnOnce.shown; else G.warnOnce.shown = { ...S.warnOnceShown };
  G.DNS.address_map = JSON.parse(S.DNS);
  if (S.socketName === undefined) delete G.SOCKFS.nextname.current; else G.SOCKFS.nextname.current = S.socketName;
  if (S.pipeName === undefined) delete G.PIPEFS.nextname.current; else G.PIPEFS.nextname.current = S.pipeName;
  for (const t of Object.values(G.timers)) clearTimeout(t.id);
  G.timers = {};
  G.LDSO.loadedLibsByName = { ...S.loadedLibsByName };
  G.LDSO.loadedLibsByHandle = { ...S.loadedLibsByHandle };
  G.FS_stdin_getChar_buffer = [];
  // joined threads whose markAsFinished message came after their cleanup
  if (G.PThread.finishedThreads) G.PThread.finishedThreads.clear();
  Object.assign(G.MainLoop, S.MainLoop, { queue: [...S.MainLoop.queue], preMainLoop: [...S.MainLoop.preMainLoop], postMainLoop: [...S.MainLoop.postMainLoop] });
}

/** Table slots added since the snapshot are emptied and handed out again lowest first, as a
 * fresh process would (it grows the table one slot at a time). Slots below the snapshot's
 * length must not have changed. */
function resetTable(G, S, tableSnapshot) {
  const table = G.wasmTable;
  const problems = [];
  if (tableSnapshot) {
    for (let i = 0; i < S.tableLength; i++) {
      if (table.get(i) !== tableSnapshot[i]) { problems.push(`table slot ${i} changed`); break; }
    }
  }
  const map = G.functionsInTableMap;
  for (let i = S.tableLength; i < table.length; i++) {
    const f = table.get(i);
    if (f && map) map.delete(f);
    table.set(i, null);
  }
  G.wasmTableMirror.length = Math.min(G.wasmTableMirror.length, S.tableLength);
  const free = [...S.freeTableIndexes];
  for (let i = table.length - 1; i >= S.tableLength; i--) free.push(i);
  G.freeTableIndexes = free;
  return problems;
}

/** Rebuild the file system the way the glue built it at start-up. Every stream was closed by
 * the exit handlers (FS.quit) of the request; a stream still open is closed here. */
function resetFileSystem(G, S, Module) {
  // S: captureFsState's result
  const FS = G.FS;
  for (const stream of FS.streams) {
    if (stream) { try { FS.close(stream); } catch { /* already closed */ } }
  }
  Object.assign(FS, {
    root: null, mounts: [], devices: {}, streams: [], nextInode: 1, nameTable: null, currentPath: '/',
    initialized: false, ignorePermissions: true, filesystems: null, syncFSRequests: 0, readFiles: {},
  });
  G.TTY.ttys = [];
  // device numbers come from a counter kept on FS.createDevice, unset before the first device
  delete FS.createDevice.major;
  if (S.moduleWebsocket === undefined) delete Module.websocket; else Module.websocket = S.moduleWebsocket;
  FS.staticInit();
  // initRuntime: FS.init unless Module.noFSInit, TTY.init, the socket and pipe file systems
  FS.init();
  G.TTY.init();
  G.SOCKFS.root = FS.mount(G.SOCKFS, {}, null);
  G.PIPEFS.root = FS.mount(G.PIPEFS, {}, null);
  FS.ignorePermissions = false;
  // What start-up wrote into the in-memory file system after that (the instrumented build's
  // profile runtime creates /default.profraw): written again the same way, in the same order.
  for (const f of S.startupFiles) {
    const stream = FS.open(f.path, 'w', f.mode);
    if (f.data.length) FS.write(stream, f.data, 0, f.data.length);
    FS.close(stream);
  }
  FS.streams.length = Math.max(FS.streams.length, S.streamsLength);
}

/** The state resetFileSystem needs from a freshly started runtime. */
function captureFsState(G) {
  const FS = G.FS;
  // Files that start-up itself created: regular files of the in-memory root that the glue's
  // FS set-up (staticInit, init) does not create.
  const startupFiles = [];
  for (const name of Object.keys(FS.root.contents)) {
    const node = FS.root.contents[name];
    if (G.FS.isFile(node.mode)) {
      startupFiles.push({ path: '/' + name, mode: node.mode & 0o7777, ino: node.id, data: new Uint8Array(node.contents ? node.contents.subarray(0, node.usedBytes) : []) });
    }
  }
  startupFiles.sort((a, b) => a.ino - b.ino);
  return { moduleWebsocket: undefined, startupFiles, streamsLength: FS.streams.length };
}

// ------------------------------------------------------------------ Lean's task manager

/** The address of Lean's `g_task_manager` (a static, not exported), read from the code of
 * `lean_finalize_task_manager` in lean.wasm, whose body must be exactly
 * `if (g_task_manager) { delete g_task_manager; g_task_manager = nullptr; }`. */
function taskManagerAddress(wasmPath) {
  const data = fs.readFileSync(wasmPath);
  let pos = 8;
  const leb = () => { let r = 0, sh = 0, b; do { b = data[pos++]; r += (b & 0x7f) * 2 ** sh; sh += 7; } while (b & 0x80); return r; };
  const sleb = () => { let r = 0, sh = 0, b; do { b = data[pos++]; r += (b & 0x7f) * 2 ** sh; sh += 7; } while (b & 0x80); if (b & 0x40) r -= 2 ** sh; return r; };
  const str = () => { const n = leb(); const t = data.toString('utf8', pos, pos + n); pos += n; return t; };
  let importedFuncs = 0, index = -1, body = null;
  while (pos < data.length) {
    const id = data[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        str(); str();
        const kind = data[pos++];
        if (kind === 0) { leb(); importedFuncs++; }
        else if (kind === 1) { pos++; const fl = data[pos++]; leb(); if (fl & 1) leb(); }
        else if (kind === 2) { const fl = data[pos++]; leb(); if (fl & 1) leb(); }
        else if (kind === 3) pos += 2;
        else if (kind === 4) { pos++; leb(); }
      }
    } else if (id === 7) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const name = str(); const kind = data[pos++]; const idx = leb();
        if (kind === 0 && name === 'lean_finalize_task_manager') index = idx;
      }
    } else if (id === 10 && index >= importedFuncs) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const sz = leb();
        if (importedFuncs + i === index) { body = data.subarray(pos, pos + sz); break; }
        pos += sz;
      }
    }
    pos = end;
  }
  if (!body) throw new Error('lean_finalize_task_manager not found in lean.wasm');
  // 01 01 7f | i32.const A | i32.load | local.tee 0 | if | local.get 0 | call | call | i32.const A | i32.const 0 | i32.store | end | end
  const b = body;
  pos = 0;
  const expect = bytes => { for (const x of bytes) if (b[pos++] !== x) throw new Error('lean_finalize_task_manager has an unexpected body'); };
  const readSleb = () => { let r = 0, sh = 0, x; do { x = b[pos++]; r += (x & 0x7f) * 2 ** sh; sh += 7; } while (x & 0x80); if (x & 0x40) r -= 2 ** sh; return r; };
  const readLeb = () => { let r = 0, sh = 0, x; do { x = b[pos++]; r += (x & 0x7f) * 2 ** sh; sh += 7; } while (x & 0x80); return r; };
  expect([0x01, 0x01, 0x7f, 0x41]);
  const addr = readSleb();
  expect([0x28, 0x02, 0x00, 0x22, 0x00, 0x04, 0x40, 0x20, 0x00, 0x10]); readLeb();
  expect([0x10]); readLeb();
  expect([0x41]);
  if (readSleb() !== addr) throw new Error('lean_finalize_task_manager has an unexpected body');
  expect([0x41, 0x00, 0x36, 0x02, 0x00, 0x0b, 0x0b]);
  if (pos !== b.length) throw new Error('lean_finalize_task_manager has an unexpected body');
  return addr;
}

// Per worker, two Int32 slots shared with the main thread: the pthread it last started and
// the pthread it last finished. The main thread cannot handle worker messages while Lean's
// exit() runs, but it can wait on these.
const MAX_WORKERS = 512;
const threadFlags = new Int32Array(new SharedArrayBuffer(4 * 2 * MAX_WORKERS));

// ------------------------------------------------------------------ worker threads

if (IS_WORKER) {
  runWorker();
} else {
  runMain().catch(e => {
    logLine(`fatal: ${e && e.stack || e}`);
    try { reply({ fatal: String(e && e.stack || e) }); } catch { /* the pipe is gone */ }
    process.exit(70);
  });
}

function logLine(text) {
  try { fs.writeSync(2, `etp-host: ${text}\n`); } catch { /* nothing to do */ }
}

/** A pthread worker: the glue wrapped as on the main thread, symbol lookup restricted, its
 * threads' start and end published in the shared flags, and a reset/fingerprint service for
 * the main thread (messages without `cmd`, which the glue's own handler ignores). */
function runWorker() {
  const Module = {};
  const { G, names } = loadGlue(Module);
  restrictSymbols(G);
  let flags = null, slot = -1;
  const invoke = G.invokeEntryPoint;
  G.invokeEntryPoint = (ptr, arg) => {
    const self = G.wasmExports.pthread_self();
    if (flags) {
      // start only if the host did not cancel this thread (at Lean's exit, before it started)
      for (;;) {
        const v = Atomics.load(flags, 2 * slot);
        if (v === -self) return;
        if (Atomics.compareExchange(flags, 2 * slot, v, self) === v) break;
      }
    }
    try {
      return invoke(ptr, arg);
    } finally {
      if (flags) { Atomics.store(flags, 2 * slot + 1, self); Atomics.notify(flags, 2 * slot + 1); }
    }
  };
  let snapshot = null;
  workerThreads.parentPort.on('message', msg => {
    if (!msg || msg.etp === undefined) return;
    if (msg.etp === 'sync') {
      workerThreads.parentPort.postMessage({ etpReply: 'sync', problems: [] });
    } else if (msg.etp === 'slot') {
      flags = new Int32Array(msg.sab);
      slot = msg.slot;
    } else if (msg.etp === 'snapshot') {
      buildSymbolIndex(G);
      snapshot = { js: captureJsState(G), prim: capturePrimitives(G, names), table: tableEntries(G), fp: glueFingerprints(G, names) };
      workerThreads.parentPort.postMessage({ etpReply: 'snapshot', tableLength: snapshot.js.tableLength });
    } else if (msg.etp === 'reset') {
      const problems = [];
      if (!snapshot) problems.push('no snapshot');
      else {
        resetJsState(G, snapshot.js);
        restorePrimitives(G, snapshot.prim);
        problems.push(...resetTable(G, snapshot.js, snapshot.table));
        const now = glueFingerprints(G, names);
        const diffs = diffFingerprints(snapshot.fp, now);
        if (diffs.length) problems.push(`worker glue state differs: ${diffs.slice(0, 20).join(', ')}`);
        if (process.env.ETP_HOST_DEBUG) for (const d of diffs) logLine(`worker ${d}:\n  before ${String(snapshot.fp[d]).slice(0, 2000)}\n  after  ${String(now[d]).slice(0, 2000)}`);
      }
      workerThreads.parentPort.postMessage({ etpReply: 'reset', problems });
    }
  });
}

/** The symbol lookup's index is a cache built on first use: built before a snapshot, so that
 * the snapshot already holds it. */
function buildSymbolIndex(G) {
  const lib = G.LDSO.loadedLibsByName.__main__;
  if (lib && !lib.etpIndex) G.originalSymbolIndex(lib, 'main');
  if (lib) {
    SUMMARIZED.set(lib.exports, () => 'the module imports');
    SUMMARIZED.set(lib.etpIndex, m => `symbol index|${m.size}`);
  }
}

function tableEntries(G) {
  const t = G.wasmTable;
  const out = new Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = t.get(i);
  return out;
}

/** dlsym serves only the module's own exports (functions and data), never the JavaScript
 * functions it imports (eval, system, ...). */
function restrictSymbols(G) {
  const original = G.etpSymbolIndex;
  Object.defineProperty(G, 'originalSymbolIndex', { value: original });
  G.etpSymbolIndex = (lib, symbol) => {
    const ex = G.wasmExports;
    if (!ex || !Object.prototype.hasOwnProperty.call(ex, symbol)) return -1;
    return original(lib, symbol);
  };
}

// ------------------------------------------------------------------ main thread

function reply(obj) {
  fs.writeSync(REPLY_FD, JSON.stringify(obj) + '\n');
}

async function runMain() {
  const t0 = performance.now();
  process.env.ETP_HOST_GLUE = GLUE;
  const tmAddress = taskManagerAddress(path.join(path.dirname(GLUE), 'lean.wasm'));
  // Lean's output of the current request: synchronous writes to the files it names.
  let outFd = -1, errFd = -1;
  let runStart = 0;
  const write = (fd, text) => {
    if (fd >= 0) fs.writeSync(fd, text);
    if (process.env.ETP_HOST_PROFILE && /^\[DEBUG:[A-Z]+\]|mainModule|^\{/.test(text)) logLine(`+${((performance.now() - runStart) / 1000).toFixed(3)} ${text.slice(0, 90).trim()}`);
  };
  const Module = {
    noInitialRun: true,
    thisProgram: GLUE, // argv[0] as in a one-shot run (`node lean-etp.js ...`)
    mainScriptUrlOrBlob: __filename,
    print: (...a) => write(outFd, a.join(' ') + '\n'),
    printErr: (...a) => write(errFd, a.join(' ') + '\n'),
  };
  // The glue's debug lines use console.log (stdout in a one-shot run): same destination.
  console.log = (...a) => write(outFd, util.format(...a) + '\n');
  console.info = console.log;
  console.error = (...a) => write(errFd, util.format(...a) + '\n');
  console.warn = console.error;
  process.argv[1] = GLUE;
  // Every pthread worker gets a slot in the shared flags (the glue sets global.Worker itself
  // and creates the pool while it is evaluated, so the class is swapped in beforehand).
  let nextSlot = 0;
  class HostWorker extends workerThreads.Worker {
    constructor(...args) {
      super(...args);
      this.etpSlot = nextSlot++ % MAX_WORKERS;
      this.postMessage({ etp: 'slot', sab: threadFlags.buffer, slot: this.etpSlot });
    }
  }
  Object.defineProperty(global, 'Worker', { get: () => HostWorker, set: () => {}, configurable: true });
  const ready = new Promise((resolve, reject) => { Module.onRuntimeInitialized = resolve; Module.onAbort = reject; });
  const { G, names } = loadGlue(Module);
  restrictSymbols(G);
  await ready;
  await Promise.all(G.PThread.unusedWorkers.map(w => workerCall(w, { etp: 'snapshot' })));

  // ---- the snapshot
  const ex = G.wasmExports;
  const memory = G.wasmMemory;
  if (new Uint32Array(memory.buffer)[tmAddress >> 2] !== 0) throw new Error('Lean has a task manager before main');
  const memSnapshot = new Uint8Array(memory.buffer.byteLength);
  memSnapshot.set(new Uint8Array(memory.buffer));
  const sp = ex.__stack_pointer;
  const globalsSnapshot = { sp: sp.value, tempRet0: ex._emscripten_tempret_get() };
  const observed = () => ({
    stackBase: ex.emscripten_stack_get_base(), stackEnd: ex.emscripten_stack_get_end(),
    self: ex.pthread_self(), mainRuntime: ex.emscripten_is_main_runtime_thread(),
    mainBrowser: ex.emscripten_is_main_browser_thread(),
  });
  const observedSnapshot = observed();
  buildSymbolIndex(G);
  const S = captureJsState(G);
  const P = capturePrimitives(G, names);
  const F = captureFsState(G);
  const tableSnapshot = tableEntries(G);
  const glueSnapshot = glueFingerprints(G, names);
  const fsSnapshot = fsFingerprint(G);
  const cwd0 = process.cwd();
  const envKeys = ['LEAN_PATH', 'ETP_LEAN_MOUNTS', 'ETP_LEAN_FILES'];
  const env0 = Object.fromEntries(envKeys.map(k => [k, process.env[k]]));
  const pool0 = [...G.PThread.unusedWorkers];
  const workers0 = new Set(pool0);
  // JavaScript outside the glue's variables that a request could leave changed
  const outsideGlue = () => {
    const keys = Object.keys(Module);
    return JSON.stringify({ globals: Object.keys(globalThis).sort(), module: keys.length, moduleOwn: keys.filter(k => !k.startsWith('_')).sort() });
  };
  const outsideSnapshot = outsideGlue();
  logLine(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: memory ${memSnapshot.length} bytes, table ${S.tableLength}, ${names.length} glue variables, ${pool0.length} workers`);

  // Exit as a fresh process does (exit handlers, stdio flush, streams closed), but keep the
  // pthread workers; `quit_` ends the run by throwing instead of setting process.exitCode.
  const terminateAllThreads = G.PThread.terminateAllThreads;
  let exitStatus = null;
  let pendingEnd = null; // while Lean's main has returned to the event loop (see below)
  G.quit_ = (status, toThrow) => {
    exitStatus = status;
    if (pendingEnd) pendingEnd(toThrow instanceof G.ExitStatus ? null : toThrow);
    throw toThrow;
  };
  // An uncaught exception on the main thread: the glue rethrows a worker's error there
  // ("worker sent an error!"), which ends a one-shot process with status 1. During a run it
  // ends the run the same way; at any other time it is a fault of the host.
  let running = false;
  process.on('uncaughtException', e => {
    if (running && pendingEnd) { pendingEnd(e); return; }
    logLine(`uncaught exception: ${e && e.stack || e}`);
    try { reply({ fatal: String(e && e.stack || e) }); } catch { /* the pipe is gone */ }
    process.exit(70);
  });
  // Between requests the runtime must stay up: with noExitRuntime false, the glue exits the
  // runtime (and terminates every worker) as soon as a worker's message is handled while no
  // keep-alive is held. During callMain it has a fresh process's value, false.
  const freshNoExitRuntime = G.noExitRuntime;
  G.noExitRuntime = true;

  // Lean's `main` ends with exit(), which runs the exit handlers (exitRuntime) while Lean's
  // task manager still has its worker threads; a fresh process then terminates the workers.
  // The host cannot terminate them (a new worker costs seconds to load), so it ends them:
  // it runs the task manager's destructor (which, built for Emscripten, only sets
  // `m_shutting_down`, wakes the workers and detaches them) without freeing the object, and
  // waits until every pthread has returned from its start routine. Lean's own
  // lean_finalize_task_manager would free the object under the still running workers.
  let threadsStopped = null; // null: not yet; true; or why not
  let cancelledThreads = 0;
  const stopLeanThreads = () => {
    const heap = new Uint32Array(memory.buffer);
    const tm = heap[tmAddress >> 2];
    if (tm) ex._ZN4lean12task_managerD2Ev(tm);
    // A thread whose worker has not started it yet (a worker still loading, say) is cancelled
    // and its worker terminated, as a fresh process terminates every worker at exit.
    for (const w of [...G.PThread.runningWorkers]) {
      const ptr = w.pthread_ptr;
      for (;;) {
        const v = Atomics.load(threadFlags, 2 * w.etpSlot);
        if (v === ptr) break; // started: it will end
        if (Atomics.compareExchange(threadFlags, 2 * w.etpSlot, v, -ptr) === v) {
          G.terminateWorker(w);
          G.PThread.runningWorkers.splice(G.PThread.runningWorkers.indexOf(w), 1);
          delete G.PThread.pthreads[ptr];
          cancelledThreads++;
          break;
        }
      }
    }
    const deadline = performance.now() + 10000;
    for (;;) {
      const busy = G.PThread.runningWorkers.filter(w => Atomics.load(threadFlags, 2 * w.etpSlot + 1) !== w.pthread_ptr);
      if (!busy.length) return true;
      if (performance.now() > deadline) {
        if (process.env.ETP_HOST_DEBUG) logLine(`busy: ${busy.map(w => `slot ${w.etpSlot} ptr ${w.pthread_ptr} started ${Atomics.load(threadFlags, 2 * w.etpSlot)} ended ${Atomics.load(threadFlags, 2 * w.etpSlot + 1)} loaded ${w.loaded}`).join('; ')}`);
        return `${busy.length} thread(s) of Lean did not end within 10 s of its exit`;
      }
      const w = busy[0];
      Atomics.wait(threadFlags, 2 * w.etpSlot + 1, Atomics.load(threadFlags, 2 * w.etpSlot + 1), 2);
      ex.emscripten_main_thread_process_queued_calls();
    }
  };
  const exitRuntime = G.exitRuntime;
  G.exitRuntime = () => {
    try {
      threadsStopped = stopLeanThreads();
    } catch (e) {
      threadsStopped = `stopping Lean's threads failed: ${e}`;
    }
    exitRuntime();
  };

  reply({ ready: true, startup_seconds: (performance.now() - t0) / 1000 });

  const lines = require('readline').createInterface({ input: fs.createReadStream(null, { fd: REQUEST_FD }) });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const req = JSON.parse(line);
    if (req.quit) break;
    const res = { id: req.id };
    let unwound = false;
    try {
      outFd = fs.openSync(req.stdout, 'w');
      errFd = fs.openSync(req.stderr, 'w');
      for (const k of envKeys) {
        if (req.env && req.env[k] !== undefined) process.env[k] = req.env[k]; else delete process.env[k];
      }
      process.chdir(req.cwd);
      requestFiles = req.files || {};
      exitStatus = null;
      threadsStopped = null;
      cancelledThreads = 0;
      threadFlags.fill(0);
      G.PThread.terminateAllThreads = () => {};
      G.noExitRuntime = freshNoExitRuntime;
      const t = performance.now();
      runStart = t;
      let crash = null;
      running = true;
      try {
        G.callMain([...req.args]);
      } catch (e) {
        crash = e;
      }
      if (crash === null && exitStatus === null) {
        // main returned to the event loop without exit(): emscripten unwinds the main thread
        // when a pthread crashed (its error arrives as a worker error), or Lean waits for its
        // threads asynchronously (they end it with exit(), proxied to this thread). The run
        // ends with one or the other; the host is not reused after this unusual path.
        unwound = true;
        G.noExitRuntime = true;
        crash = await new Promise(resolve => { pendingEnd = resolve; });
        pendingEnd = null;
      }
      running = false;
      if (process.env.ETP_HOST_DEBUG) logLine(`callMain returned: exit ${exitStatus} crash ${crash} unwound ${unwound}`);
      G.noExitRuntime = true;
      G.PThread.terminateAllThreads = terminateAllThreads;
      res.seconds = (performance.now() - t) / 1000;
      // callMain hands what it did not expect (a trap, a JS stack overflow, an abort) to
      // quit_(1, e), which throws it on: a one-shot Node prints it and exits 1.
      res.exit_code = crash ? 1 : (exitStatus === null ? 0 : exitStatus);
      if (crash) {
        res.crashed = String(crash && crash.stack || crash);
        write(errFd, `${res.crashed}\n`);
      }
    } finally {
      requestFiles = null;
    }
    if (res.crashed || unwound) {
      closeOutputs();
      reply(res);
      reply({ ready: false, id: req.id, why: res.crashed ? 'Lean crashed: the host does not reuse a crashed runtime' : "Lean's main returned before its exit: the host does not reuse such a runtime" });
      process.exit(0);
    }
    // ---- back to the snapshot
    const tr = performance.now();
    const problems = [];
    let extraWorkers = 0;
    G.ABORT = false;
    G.runtimeExited = false;
    if (threadsStopped === null) {
      // main ended without the exit handlers (a keep-alive was held): stop the threads now
      try { threadsStopped = stopLeanThreads(); } catch (e) { threadsStopped = `stopping Lean's threads failed: ${e}`; }
    }
    if (threadsStopped !== true) problems.push(String(threadsStopped));
    const drained = await waitFor(() => G.PThread.runningWorkers.length === 0 && Object.keys(G.PThread.pthreads).length === 0, 10000);
    if (!drained) problems.push(`${G.PThread.runningWorkers.length} pthread(s) still running after Lean's exit`);
    if (!problems.length) {
      // Workers the glue added when Lean wanted more threads than the pool held: they ran a
      // thread before the host could snapshot them, so they go; fresh ones replace them after
      // the reply (below), so that the next request finds the pool large enough.
      // Pool workers cancelled at exit (terminated) are replaced the same way.
      const extra = G.PThread.unusedWorkers.filter(w => !workers0.has(w));
      for (const w of extra) G.terminateWorker(w);
      const back = new Set(G.PThread.unusedWorkers);
      const lost = pool0.filter(w => !back.has(w));
      for (const w of lost) { workers0.delete(w); pool0.splice(pool0.indexOf(w), 1); }
      extraWorkers = extra.length + lost.length + (cancelledThreads - lost.length > 0 ? cancelledThreads - lost.length : 0);
      G.PThread.unusedWorkers = [...pool0];
      // A round trip to every worker: its reply comes after every message it sent before (one
      // port, in order), so Lean's output printed on its threads has arrived.
      const replies = await Promise.all(pool0.map(w => workerCall(w, { etp: 'sync' })));
      for (const r of replies) problems.push(...r.problems);
    }
    closeOutputs();
    // The result is complete: reply now, reset afterwards (the next request waits for `ready`).
    reply(res);
    const timing = {};
    let mark = performance.now();
    const lap = name => { const now = performance.now(); timing[name] = +((now - mark) / 1000).toFixed(3); mark = now; };
    if (!problems.length && extraWorkers) {
      // Loading a worker instantiates the module with the shared memory and runs no thread;
      // it is snapshotted before it ever runs one, like the pool at start-up.
      const fresh = [];
      for (let i = 0; i < extraWorkers && pool0.length + fresh.length < MAX_WORKERS; i++) {
        G.PThread.allocateUnusedWorker();
        fresh.push(G.PThread.unusedWorkers.pop());
      }
      await Promise.all(fresh.map(w => G.PThread.loadWasmModuleToWorker(w)));
      await Promise.all(fresh.map(w => workerCall(w, { etp: 'snapshot' })));
      for (const w of fresh) { pool0.unshift(w); workers0.add(w); }
      G.PThread.unusedWorkers = [...pool0];
      lap('new workers');
    }
    if (!problems.length) {
      const mem = new Uint8Array(memory.buffer);
      mem.set(memSnapshot);
      mem.fill(0, memSnapshot.length);
      sp.value = globalsSnapshot.sp;
      ex._emscripten_tempret_set(globalsSnapshot.tempRet0);
      lap('memory');
      resetJsState(G, S);
      restorePrimitives(G, P);
      problems.push(...resetTable(G, S, tableSnapshot));
      lap('table');
      resetFileSystem(G, F, Module);
      for (const k of envKeys) { if (env0[k] === undefined) delete process.env[k]; else process.env[k] = env0[k]; }
      process.chdir(cwd0);
      lap('fs');
      const replies = await Promise.all(pool0.map(w => workerCall(w, { etp: 'reset' })));
      for (const r of replies) problems.push(...r.problems);
      lap('workers');
      const now = observed();
      for (const k of Object.keys(observedSnapshot)) if (now[k] !== observedSnapshot[k]) problems.push(`${k} is ${now[k]}, was ${observedSnapshot[k]}`);
      if (Object.keys(G.GOT).length !== S.GOTsize) problems.push('GOT entries were added (a library was loaded)');
      const glueNow = glueFingerprints(G, names);
      const diffs = diffFingerprints(glueSnapshot, glueNow);
      if (diffs.length) problems.push(`glue state differs from the snapshot: ${diffs.slice(0, 20).join(', ')}`);
      if (process.env.ETP_HOST_DEBUG) for (const d of diffs) logLine(`${d}:\n  before ${String(glueSnapshot[d]).slice(0, 3000)}\n  after  ${String(glueNow[d]).slice(0, 3000)}`);
      lap('check glue');
      const fsNow = fsFingerprint(G);
      const fsDiffs = fsNow.filter((l, i) => l !== fsSnapshot[i]);
      if (fsNow.length !== fsSnapshot.length || fsDiffs.length) problems.push(`file system differs from the snapshot: ${fsDiffs.slice(0, 5).join(' | ')}`);
      if (outsideGlue() !== outsideSnapshot) problems.push('globalThis or Module changed');
      const resources = unexpectedResources();
      if (resources.length) problems.push(`pending Node resources: ${resources.join(', ')}`);
      lap('check fs');
    }
    const state = { ready: problems.length === 0, id: req.id, reset_seconds: (performance.now() - tr) / 1000, timing };
    if (problems.length) state.why = problems.join('; ');
    reply(state);
    if (!state.ready) {
      logLine(`not reusable: ${state.why}`);
      process.exit(0);
    }
  }
  process.exit(0);

  function closeOutputs() {
    for (const fd of [outFd, errFd]) { if (fd >= 0) { try { fs.closeSync(fd); } catch { /* closed */ } } }
    outFd = errFd = -1;
  }
}

/** Poll `cond` on the event loop (worker messages are handled meanwhile). */
async function waitFor(cond, ms) {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise(r => setTimeout(r, 2));
  }
  return true;
}

/** Send a host message to a pool worker and wait for its reply. */
function workerCall(worker, msg) {
  return new Promise((resolve, reject) => {
    const onMessage = data => {
      if (data && data.etpReply === msg.etp) { worker.off('message', onMessage); clearTimeout(timer); resolve(data); }
    };
    const timer = setTimeout(() => { worker.off('message', onMessage); resolve({ problems: [`worker did not answer ${msg.etp}`] }); }, 30000);
    worker.on('message', onMessage);
    worker.postMessage(msg);
  });
}

/** Node handles other than the ones the host itself keeps (its request pipe, the workers'
 * message ports, stdio): a timer or open file left behind by a request. */
function unexpectedResources() {
  const allowed = new Set(['PipeWrap', 'TTYWrap', 'FSReqCallback', 'MessagePort', 'Worker', 'FileHandle', 'CloseReq']);
  return process.getActiveResourcesInfo().filter(r => !allowed.has(r));
}
