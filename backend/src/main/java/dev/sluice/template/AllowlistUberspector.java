package dev.sluice.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * Velocity's introspection turned into an allowlist: templates read event fields (map keys), call a few pure
 * methods of strings, numbers, booleans, maps and lists, and the toolbox; nothing else. There is no way to a
 * {@link Class}, to reflection, to setters or to methods that grow strings without bound. Every allowed call and
 * read counts against the render's time budget. Public only because Velocity instantiates it by class name.
 */
public final class AllowlistUberspector extends UberspectImpl {

    private static final Set<String> STRING = Set.of("length", "isEmpty", "isBlank", "toUpperCase", "toLowerCase",
            "trim", "strip", "substring", "startsWith", "endsWith", "contains", "indexOf", "lastIndexOf", "equals",
            "equalsIgnoreCase", "charAt", "compareTo", "toString");
    private static final Set<String> NUMBER = Set.of("intValue", "longValue", "doubleValue", "compareTo", "equals",
            "toString", "booleanValue");
    private static final Set<String> MAP = Set.of("get", "containsKey", "keySet", "values", "entrySet", "size",
            "isEmpty");
    private static final Set<String> ENTRY = Set.of("getKey", "getValue");
    private static final Set<String> LIST = Set.of("get", "size", "isEmpty", "contains", "indexOf");

    @Override
    public VelMethod getMethod(Object target, String name, Object[] args, Info info) {
        if (target != null && !allowed(target, name)) {
            throw denied(info, "." + name + "() is not available in templates: they may read event fields and call "
                    + "$json, $date and $mask, not methods of " + kind(target));
        }
        VelMethod method = super.getMethod(target, name, args, info);
        return method == null ? null : new Ticking(method);
    }

    @Override
    public VelPropertyGet getPropertyGet(Object target, String identifier, Info info) {
        if (target != null && !(target instanceof Map)) {
            throw denied(info, "." + identifier + " is not available in templates: only event fields can be read "
                    + "this way, not properties of " + kind(target));
        }
        VelPropertyGet get = super.getPropertyGet(target, identifier, info);
        return get == null ? null : new TickingGet(get);
    }

    @Override
    public VelPropertySet getPropertySet(Object target, String identifier, Object arg, Info info) {
        throw denied(info, "templates cannot change values: #set a new variable instead of ." + identifier);
    }

    @Override
    public Iterator getIterator(Object target, Info info) {
        if (target instanceof Collection || target instanceof Map) {
            return super.getIterator(target, info);
        }
        throw denied(info, "#foreach can go over lists, maps and ranges only, not over " + kind(target));
    }

    private static boolean allowed(Object target, String name) {
        if (target instanceof Toolbox) {
            return !name.equals("getClass") && !name.equals("wait") && !name.equals("notify")
                    && !name.equals("notifyAll") && !name.equals("hashCode");
        }
        return switch (target) {
            case String s -> STRING.contains(name);
            case Number n -> NUMBER.contains(name);
            case Boolean b -> NUMBER.contains(name);
            case Map<?, ?> m -> MAP.contains(name);
            case Map.Entry<?, ?> e -> ENTRY.contains(name);
            case List<?> l -> LIST.contains(name);
            case JsonLiteral j -> name.equals("toString");
            default -> false;
        };
    }

    private static String kind(Object target) {
        return switch (target) {
            case null -> "null";
            case String s -> "strings";
            case Number n -> "numbers";
            case Map<?, ?> m -> "maps";
            case List<?> l -> "lists";
            default -> "this value";
        };
    }

    private static VelocityException denied(Info info, String message) {
        return new Denied("line " + info.getLine() + ", column " + info.getColumn() + ": " + message);
    }

    /** A template used what templates may not; the message is the failure's. */
    static final class Denied extends VelocityException {
        Denied(String message) {
            super(message);
        }
    }

    private record Ticking(VelMethod method) implements VelMethod {
        @Override
        public Object invoke(Object o, Object[] params)
                throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
            RenderBudget.tick();
            return method.invoke(o, params);
        }

        @Override
        public boolean isCacheable() {
            return method.isCacheable();
        }

        @Override
        public String getMethodName() {
            return method.getMethodName();
        }

        @Override
        public Class<?> getReturnType() {
            return method.getReturnType();
        }

        @Override
        public java.lang.reflect.Method getMethod() {
            return method.getMethod();
        }
    }

    private record TickingGet(VelPropertyGet get) implements VelPropertyGet {
        @Override
        public Object invoke(Object o) throws Exception {
            RenderBudget.tick();
            return get.invoke(o);
        }

        @Override
        public boolean isCacheable() {
            return get.isCacheable();
        }

        @Override
        public String getMethodName() {
            return get.getMethodName();
        }
    }
}
