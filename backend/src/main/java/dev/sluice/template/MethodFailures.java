package dev.sluice.template;

import org.apache.velocity.app.event.IncludeEventHandler;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * Fails the render when a call fails, instead of Velocity's habit of printing the call as text; the failure says
 * which call and where, with the toolbox's own message but never the exception message of anything else (it may
 * quote the event). Also refuses every include, as a second line behind the check that already refused the
 * directives.
 */
final class MethodFailures implements MethodExceptionEventHandler, IncludeEventHandler {

    @Override
    public Object methodException(Context context, Class<?> type, String method, Exception e, Info info) {
        String where = "line " + info.getLine() + ", column " + info.getColumn() + ": ";
        Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
        if (cause instanceof RenderBudget.Stopped stopped) {
            throw stopped;
        }
        throw new RenderBudget.Stopped(false, where + (cause instanceof ToolFailure ? cause.getMessage()
                : "." + method + "() failed (" + (cause == null ? e : cause).getClass().getSimpleName() + ")"));
    }

    @Override
    public String includeEvent(Context context, String resource, String current, String directive) {
        throw new RenderBudget.Stopped(false, "#" + directive + " is not available in Sluice templates");
    }
}
