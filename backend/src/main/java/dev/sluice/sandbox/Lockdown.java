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
 * The prototypes of the event's proxies are frozen with them. The user's code runs in strict mode (no
 * {@code arguments.callee}, no sloppy globals) inside a function that is called afresh for every event, so its
 * top-level variables start over each time too. {@code Math.random} is reseeded from the host in every event that
 * draws from it (at its first draw), so what one event drew says nothing to the next, and
 * {@code FinalizationRegistry} and {@code WeakRef}, whose callbacks run whenever the collector gets to them (during a
 * later event), are removed.
 */
final class Lockdown {

    /** Longest string {@code repeat}, {@code padStart} and {@code padEnd} may build: one call must not fill the heap. */
    static final int MAX_BUILT_STRING = 10_000_000;

    static final Source LOCKDOWN = Source.newBuilder("js", """
            (function (foreignObject, foreignArray, hostSeed) {
              'use strict';
              const global = globalThis;
              for (const name of ['arguments', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'Graal', 'quit',
                                  'FinalizationRegistry', 'WeakRef']) {
                delete global[name];
              }
              const imul = Math.imul;
              let s0 = 1, s1 = 0, s2 = 0, s3 = 0;
              const next = () => {
                // xoshiro128**
                const times5 = imul(s1, 5);
                const result = imul(times5 << 7 | times5 >>> 25, 9) >>> 0;
                const shifted = s1 << 9;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= shifted; s3 = s3 << 11 | s3 >>> 21;
                return result;
              };
              // seeded from the host at an event's first draw: most events never draw, and seeding every event
              // up front was a fifth of a small script's time
              let stale = true;
              const reseed = () => {
                s0 = hostSeed() | 0; s1 = hostSeed() | 0; s2 = hostSeed() | 0; s3 = hostSeed() | 0;
                if ((s0 | s1 | s2 | s3) === 0) {
                  s0 = 1;
                }
                for (let i = 0; i < 8; i++) {
                  next();
                }
                stale = false;
              };
              const random = {random() {
                if (stale) {
                  reseed();
                }
                return ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
              }}.random;
              Object.defineProperty(Math, 'random', {value: random, writable: true, configurable: true});
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
              // events reach scripts as host proxies, whose prototypes are the realm's own objects, not Object.prototype
              // and Array.prototype: unfrozen, they carried one event's data to the next
              reach(() => Object.getPrototypeOf(foreignObject));
              reach(() => Object.getPrototypeOf(foreignArray));
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
              return () => {
                stale = true;
              };
            })
            """.formatted(MAX_BUILT_STRING, MAX_BUILT_STRING), "sluice-lockdown.js").cached(true).buildLiteral();

    /**
     * Runs one event: {@code Math.random} told to reseed at its next draw, a fresh {@code process} from the user's
     * factory, called on the event's proxy ({@link EventProxies}), the result checked. Returns the number 1 when
     * {@code process} returned the event (changed in place, the usual case: a number is read in Java without entering
     * the context);
     * anything else as a tagged string, so that no other object crosses back to Java: {@code J<json>}, {@code D}
     * (dropped), or {@code E<reason>} (the result breaks the contract).
     */
    static final Source DRIVER = Source.newBuilder("js", """
            (function (factory, maxChars, newEvent) {
              'use strict';
              // the factory is the one object of the user's code that lives as long as the context
              Object.freeze(factory.prototype);
              Object.freeze(factory);
              const stringify = JSON.stringify, isArray = Array.isArray;
              const kind = (value) => value === null ? 'null' : value === undefined ? 'undefined'
                  : isArray(value) ? 'an array' : 'a ' + typeof value;
              return function run(event) {
                newEvent();
                const process = factory();
                if (typeof process !== 'function') {
                  return 'Eno-process';
                }
                const result = process(event);
                if (result === event) {
                  return 1;
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
