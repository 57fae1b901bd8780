package dev.sluice.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user JavaScript: one GraalJS {@link Engine} shared by every script, so code parsed (and, on the optimized
 * runtime, compiled) once serves every context. Contexts run under {@link SandboxPolicy#CONSTRAINED}, the strictest
 * policy of the community edition: no host access or class lookup, no IO, threads, processes, native access or
 * environment, no {@code Java}, {@code Polyglot}, {@code load}, {@code require}, {@code eval} or
 * {@code new Function}; intrinsics and {@code globalThis} frozen ({@link Lockdown}).
 *
 * <p>{@link #shared()} is the instance the engine, dry-run and {@code flow test} use, so all three run scripts with
 * the same limits. Thread-safe.
 */
public final class ScriptSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScriptSandbox.class);
    private static volatile ScriptSandbox shared;

    private final Engine engine;
    private final SandboxLimits limits;
    private final ResourceLimits statementLimit;
    private final Watchdog watchdog = new Watchdog();
    private final IntSupplier seeds;

    public ScriptSandbox(SandboxLimits limits) {
        this(limits, () -> ThreadLocalRandom.current().nextInt());
    }

    /** @param seeds where each event's {@code Math.random} starts; only tests fix it */
    ScriptSandbox(SandboxLimits limits, IntSupplier seeds) {
        this.limits = limits;
        this.seeds = seeds;
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // we say which runtime runs, once, below; Truffle would print its own warning on every start
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.statementLimit = ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), null).build();
    }

    /** The sandbox of this process, with {@link SandboxLimits#defaults()}; logs which runtime runs on first use. */
    public static ScriptSandbox shared() {
        ScriptSandbox sandbox = shared;
        if (sandbox == null) {
            synchronized (ScriptSandbox.class) {
                if (shared == null) {
                    shared = new ScriptSandbox(SandboxLimits.defaults());
                    log.info(shared.runtimeDescription());
                }
                sandbox = shared;
            }
        }
        return sandbox;
    }

    public SandboxLimits limits() {
        return limits;
    }

    /** True when scripts are compiled to machine code (Graal compiler via JVMCI), false on the interpreter. */
    public boolean isOptimized() {
        return !engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpret");
    }

    /** One line for the log: which runtime runs scripts, and what to do for the faster one. */
    public String runtimeDescription() {
        String version = graalVersion();
        return isOptimized()
                ? "JavaScript sandbox: GraalJS " + version + " on the optimized Truffle runtime ("
                        + engine.getImplementationName() + "): scripts are compiled to machine code"
                : "JavaScript sandbox: GraalJS " + version + " on the Truffle interpreter (no Graal compiler through "
                        + "JVMCI in this JVM): scripts run, 2-16x slower than compiled; see the README, \"Running with "
                        + "the optimized JavaScript runtime\"";
    }

    /**
     * The GraalVM release of the polyglot API, as its jar records it. Inside the packaged jar (nested jars) the
     * engine cannot find that record and calls itself a "Development Build", and the manifest's version is not
     * the package's, so the record is read here.
     */
    private String graalVersion() {
        try (InputStream in = Engine.class.getResourceAsStream("/META-INF/graalvm/org.graalvm.polyglot/version")) {
            if (in != null) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            }
        } catch (java.io.IOException e) {
            // the engine's own answer below
        }
        return engine.getVersion();
    }

    /**
     * Everything that makes {@code code} unusable before it meets an event: its length, brackets nested deeper than
     * {@value CodeNesting#MAX_DEPTH} levels, a syntax error (with the line and column as written, strict mode's rules
     * included), a top level that throws or runs out of budget, or no {@code process} function.
     * Runs the code's top level once, in a throw-away context with the usual limits.
     */
    public List<ScriptProblem> check(String code) {
        List<ScriptProblem> problems = new ArrayList<>();
        if (code == null || code.isBlank()) {
            problems.add(new ScriptProblem(0, 0, "is empty: write function process(event) { ... return event; }"));
            return problems;
        }
        if (code.length() > limits.maxCodeChars()) {
            problems.add(new ScriptProblem(0, 0, "is " + code.length() + " characters long, more than the limit of "
                    + limits.maxCodeChars()));
            return problems;
        }
        ScriptProblem nesting = CodeNesting.check(code);
        if (nesting != null) {
            problems.add(nesting);
            return problems;
        }
        String name = nameOf(code);
        Context context = newContext().context();
        try {
            Value factory;
            try {
                context.parse(Lockdown.asWritten(code, name));
                factory = context.eval(Lockdown.userFactory(code, name));
            } catch (PolyglotException e) {
                if (e.isResourceExhausted() && !e.isCancelled()) {
                    problems.add(new ScriptProblem(0, 0, "is nested too deeply for the parser"));
                    return problems;
                }
                if (!e.isSyntaxError()) {
                    throw e;
                }
                problems.add(Failures.syntaxProblem(e, code));
                return problems;
            }
            context.resetLimits();
            try (Watchdog.Watch watch = watchdog.watch(context)) {
                watch.start(limits);
                try {
                    if (!factory.execute().canExecute()) {
                        problems.add(new ScriptProblem(0, 0, "defines no function process(event): write "
                                + "function process(event) { ... return event; }"));
                    }
                    watch.finish();
                } catch (PolyglotException e) {
                    ScriptFailure failure = Failures.describe(e, watch.finish(), limits, name, "the code's top level");
                    problems.add(new ScriptProblem(failure.line(), failure.column(), failure.reason()));
                }
            }
        } finally {
            closeQuietly(context);
        }
        return problems;
    }

    /**
     * Prepares {@code code} (which passed {@link #check}) for many events: its source parsed once in the shared
     * engine, with a pool of up to {@link SandboxLimits#poolSize()} contexts. Close it when its flow version is
     * retired; one that is dropped without closing releases its contexts when it is garbage-collected.
     */
    public CompiledScript compile(String code) {
        return new CompiledScript(this, code, nameOf(code), limits.poolSize());
    }

    /**
     * A context locked down for user code.
     *
     * @param newEvent tells its {@code Math.random} that the next draw belongs to a new event, which draws from a
     *                 fresh seed
     */
    record Locked(Context context, Value newEvent) {
    }

    /** A new locked-down context, ready for user code. */
    Locked newContext() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .in(InputStream.nullInputStream())
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // no allowHostClassLookup, not even one refusing every class: any predicate adds Java, Packages, java...
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.allow-eval", "false")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                // no arguments.callee, which kept the code's top level between events, and no sloppy globals
                .option("js.strict", "true")
                .resourceLimits(statementLimit)
                .build();
        try {
            // a sample of each kind of proxy an event is made of, so that their prototypes are frozen too; the seed
            // function stays inside the lockdown's closure, out of the user's code's reach
            Value newEvent = context.eval(Lockdown.LOCKDOWN).execute(ProxyObject.fromMap(new HashMap<>()),
                    ProxyArray.fromArray(), (ProxyExecutable) arguments -> seeds.getAsInt());
            return new Locked(context, newEvent);
        } catch (RuntimeException e) {
            closeQuietly(context);
            throw e;
        }
    }

    /** The driver function of {@link Lockdown#DRIVER} bound to a user factory in a locked context. */
    Value driver(Locked locked, Value factory) {
        return locked.context().eval(Lockdown.DRIVER).execute(factory, limits.maxOutputChars(), locked.newEvent());
    }

    /** Closes a context that may have been cancelled, which makes a plain close throw. */
    static void closeQuietly(Context context) {
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // cancelled or closed already: closed either way
        }
    }

    Watchdog watchdog() {
        return watchdog;
    }

    /**
     * Named by content, so the same code (a flow version compiled again for a dry-run, an unchanged script in a new
     * version) finds its parsed and compiled code in the shared engine, and stack frames of the user's code are
     * told from the sandbox's own by name.
     */
    private static String nameOf(String code) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "script-" + java.util.HexFormat.of().formatHex(digest, 0, 8) + ".js";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Stops the watchdog and the engine; only for sandboxes made with the constructor, never {@link #shared()}. */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("The shared sandbox lives as long as the process");
        }
        watchdog.stop();
        engine.close(true);
    }
}
