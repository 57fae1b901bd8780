package dev.sluice.sandbox;

import org.graalvm.polyglot.Source;

/**
 * The JavaScript that every context runs before any user code, and the wrapper around user code.
 *
 * <p>A pooled context is reused for many events, and a reused context leaks: measured here, a later event saw a
 * hijacked {@code JSON.stringify}, additions to {@code Object.prototype} and the previous event's data in
 * {@code globalThis}. So each context is locked down once: every intrinsic reachable from {@code globalThis} (and
 * the few reachable only through syntax) is frozen, {@code globalThis} with them, and the legacy RegExp statics
 * ({@code RegExp.lastMatch}, {@code $1}...), which would hand the previous event's match to the next, are removed.
 * The user's code runs inside a function that is called afresh for every event, so its top-level variables start
 * over each time too.
 */
final class Lockdown {

    /** Longest string {@code repeat}, {@code padStart} and {@code padEnd} may build: one call must not fill the heap. */
    static final int MAX_BUILT_STRING = 10_000_000;

    static final Source LOCKDOWN = Source.newBuilder("js", """
            (function (global) {
              'use strict';
              for (const name of ['arguments', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'Graal', 'quit']) {
                delete global[name];
              }
              for (const name of ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', 'input', '$_', 'lastMatch',
                                  '$&', 'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'"]) {
                delete RegExp[name];
              }
              const stringProto = String.prototype;
              for (const name of ['repeat', 'padStart', 'padEnd']) {
                const original = stringProto[name];
                const guarded = {[name](count, filler) {
                  const length = name === 'repeat' ? String(this).length * Math.max(0, Math.trunc(count) || 0) : Number(count);
                  if (length > %d) {
                    throw new RangeError('Sluice scripts may not build strings longer than %d characters');
                  }
                  return original.call(this, count, filler);
                }}[name];
                Object.defineProperty(stringProto, name, {value: guarded, writable: true, configurable: true});
              }
              const hidden = [];
              const reach = (make) => { try { hidden.push(make()); } catch (e) { /* not in this engine */ } };
              reach(() => Object.getPrototypeOf(function* () {}));
              reach(() => Object.getPrototypeOf(async function () {}));
              reach(() => Object.getPrototypeOf(async function* () {}));
              reach(() => Object.getPrototypeOf((function* () {})()));
              reach(() => Object.getPrototypeOf((async function* () {})()));
              reach(() => Object.getPrototypeOf([][Symbol.iterator]()));
              reach(() => Object.getPrototypeOf(new Map()[Symbol.iterator]()));
              reach(() => Object.getPrototypeOf(new Set()[Symbol.iterator]()));
              reach(() => Object.getPrototypeOf(''[Symbol.iterator]()));
              reach(() => Object.getPrototypeOf(/x/[Symbol.matchAll]('')));
              reach(() => Object.getPrototypeOf(Iterator.from([]).map((x) => x)));
              reach(() => Object.getPrototypeOf(Iterator.from({next() { return {done: true}; }})));
              reach(() => Object.getPrototypeOf(new Intl.Segmenter().segment('')));
              reach(() => Object.getPrototypeOf(new Intl.Segmenter().segment('')[Symbol.iterator]()));
              reach(() => Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get);
              const seen = new WeakSet();
              const todo = [global, ...hidden];
              while (todo.length > 0) {
                const value = todo.pop();
                if (value === null || value === undefined || (typeof value !== 'object' && typeof value !== 'function')
                    || seen.has(value)) {
                  continue;
                }
                seen.add(value);
                Object.freeze(value);
                todo.push(Object.getPrototypeOf(value));
                for (const key of Reflect.ownKeys(value)) {
                  const property = Reflect.getOwnPropertyDescriptor(value, key);
                  if (property !== undefined) {
                    todo.push(property.value, property.get, property.set);
                  }
                }
              }
            })(globalThis);
            """.formatted(MAX_BUILT_STRING, MAX_BUILT_STRING), "sluice-lockdown.js").cached(true).buildLiteral();

    /**
     * Runs one event: a fresh {@code process} from the user's factory, called on the event's proxy
     * ({@link EventProxies}), the result checked. Returns the event's proxy itself when {@code process} returned it
     * (changed in place, the usual case); anything else as a tagged string, so that no other object crosses back to
     * Java: {@code J<json>}, {@code D} (dropped), or {@code E<reason>} (the result breaks the contract).
     */
    static final Source DRIVER = Source.newBuilder("js", """
            (function (factory, maxChars) {
              'use strict';
              const stringify = JSON.stringify, isArray = Array.isArray;
              const kind = (value) => value === null ? 'null' : value === undefined ? 'undefined'
                  : isArray(value) ? 'an array' : 'a ' + typeof value;
              return function run(event) {
                const process = factory();
                if (typeof process !== 'function') {
                  return 'Eno-process';
                }
                const result = process(event);
                if (result === event) {
                  return event;
                }
                if (result === null) {
                  return 'D';
                }
                if (result === undefined) {
                  return 'Eundefined';
                }
                if (result instanceof Promise) {
                  return 'Etype:a Promise (async functions cannot be waited for)';
                }
                if (typeof result !== 'object') {
                  return 'Etype:' + kind(result);
                }
                if (isArray(result)) {
                  for (let i = 0; i < result.length; i++) {
                    if (result[i] === null || typeof result[i] !== 'object' || isArray(result[i])) {
                      return 'Eelement:' + i + ':' + kind(result[i]);
                    }
                  }
                }
                let text;
                try {
                  text = stringify(result);
                } catch (error) {
                  const cyclic = error instanceof TypeError && String(error.message).indexOf('ircular') >= 0;
                  return cyclic ? 'Ecyclic' : 'Ejson:' + (error instanceof Error ? error.name : 'a thrown value');
                }
                if (typeof text !== 'string') {
                  return 'Ejson:nothing';
                }
                return text.length > maxChars ? 'Esize:' + text.length : 'J' + text;
              };
            })
            """, "sluice-driver.js").cached(true).buildLiteral();

    /** Put before the user's code on its first line: columns on line 1 shift by its length. */
    static final String PREFIX = "(function () {";
    private static final String SUFFIX = "\n;return typeof process === 'function' ? process : undefined;\n})";

    private Lockdown() {
    }

    /** The user's code as a factory of {@code process}; its name marks frames as the user's in stack traces. */
    static Source userFactory(String code, String name) {
        return Source.newBuilder("js", PREFIX + code + SUFFIX, name).cached(true).buildLiteral();
    }

    /** The user's code exactly as written, for syntax errors with the user's line and column. */
    static Source asWritten(String code, String name) {
        return Source.newBuilder("js", code, name).cached(false).buildLiteral();
    }
}
