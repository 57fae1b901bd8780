package dev.sluice.template;

/**
 * The budget of the render running on this thread. Velocity renders synchronously in the caller's thread, so the
 * hooks ({@link BudgetedForeach}, {@link AllowlistUberspector}, {@link JsonInsertion}) find it here.
 */
final class RenderBudget {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final TemplateLimits limits;
    private final long deadline;
    private int iterations;
    private long built;

    private RenderBudget(TemplateLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeBudget().toNanos();
    }

    static RenderBudget start(TemplateLimits limits) {
        RenderBudget budget = new RenderBudget(limits);
        CURRENT.set(budget);
        return budget;
    }

    static void end() {
        CURRENT.remove();
    }

    /** Called often: fails the render once its time is up. */
    static void tick() {
        RenderBudget budget = CURRENT.get();
        if (budget != null && System.nanoTime() - budget.deadline > 0) {
            throw new Stopped(true, "the template ran longer than its time budget of "
                    + budget.limits.timeBudget().toMillis() + " ms");
        }
    }

    static void iteration() {
        RenderBudget budget = CURRENT.get();
        if (budget != null && ++budget.iterations > budget.limits.maxIterations()) {
            throw new Stopped(true, "the template looped more than its limit of " + budget.limits.maxIterations()
                    + " #foreach iterations");
        }
        tick();
    }

    /** Counts characters inserted anywhere, inside string literals too, so {@code #set($s = "$s$s")} stays bounded. */
    static void inserted(int chars) {
        RenderBudget budget = CURRENT.get();
        if (budget != null && (budget.built += chars) > budget.limits.maxOutputChars()) {
            throw new Stopped(true, "the template built more than its limit of " + budget.limits.maxOutputChars()
                    + " characters");
        }
        tick();
    }

    /**
     * A render ran out of budget ({@code overBudget}), or failed in a way whose message is safe to show; the message
     * is the failure's.
     */
    static final class Stopped extends RuntimeException {
        final boolean overBudget;

        Stopped(boolean overBudget, String message) {
            super(message, null, false, false);
            this.overBudget = overBudget;
        }

        /** True when {@code failure} is a render that ran out of its budget. */
        static boolean overBudget(Throwable failure) {
            return failure instanceof Stopped stopped && stopped.overBudget;
        }
    }
}
