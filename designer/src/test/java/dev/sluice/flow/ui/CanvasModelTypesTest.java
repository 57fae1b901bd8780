package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The canvas's TypeScript types are generated from {@link CanvasModel}'s records, so the two sides cannot drift:
 * the committed {@code frontend/canvas/canvas-model.ts} must be what the records give.
 * {@code -Dcanvas.types.write=true} rewrites it instead of failing.
 */
class CanvasModelTypesTest {

    private static final Path GENERATED = Path.of("../frontend/canvas/canvas-model.ts");

    @Test
    void committedTypeScriptTypesAreGeneratedFromTheRecords() throws IOException {
        String generated = typeScriptOf(CanvasModel.class, CanvasModel.CanvasGraph.class,
                CanvasModel.CanvasMarks.class, CanvasModel.NodeNotes.class, CanvasModel.CanvasCounts.class);

        if (Boolean.getBoolean("canvas.types.write")) {
            Files.writeString(GENERATED, generated);
        }
        assertThat(Files.readString(GENERATED))
                .as("%s is generated from CanvasModel: run this test with -Dcanvas.types.write=true", GENERATED)
                .isEqualTo(generated);
    }

    @Test
    void enumsBecomeUnionsOfTheirNames() {
        assertThat(typeScriptOf(CanvasModel.PaletteKind.class))
                .contains("export type NodeRole = 'SOURCE' | 'PROCESSOR' | 'TARGET';")
                .contains("  role: NodeRole;");
    }

    /** The records and enums reachable from {@code roots}, each as an exported TypeScript type, roots first. */
    static String typeScriptOf(Class<?>... roots) {
        Set<Class<?>> types = new LinkedHashSet<>();
        Arrays.stream(roots).forEach(root -> collect(root, types));
        List<String> declarations = new ArrayList<>();
        for (Class<?> type : types) {
            declarations.add(type.isEnum() ? enumType(type) : recordType(type));
        }
        return "// Generated from the Java records in designer/src/main/java/dev/sluice/flow/ui/CanvasModel.java by\n"
                + "// CanvasModelTypesTest; do not edit. Regenerate with\n"
                + "// ./mvnw -o -q -pl designer -am test -Dtest=CanvasModelTypesTest -Dcanvas.types.write=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n\n"
                + String.join("\n", declarations);
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof ParameterizedType generic) {
            Arrays.stream(generic.getActualTypeArguments()).forEach(argument -> collect(argument, into));
        } else if (type instanceof Class<?> plain && (plain.isRecord() || plain.isEnum()) && into.add(plain)
                && plain.isRecord()) {
            Arrays.stream(plain.getRecordComponents()).forEach(c -> collect(c.getGenericType(), into));
        }
    }

    private static String recordType(Class<?> record) {
        StringBuilder text = new StringBuilder("export type " + record.getSimpleName() + " = {\n");
        for (RecordComponent component : record.getRecordComponents()) {
            text.append("  ").append(component.getName()).append(": ").append(tsType(component.getGenericType()))
                    .append(";\n");
        }
        return text.append("};\n").toString();
    }

    private static String enumType(Class<?> type) {
        return "export type " + type.getSimpleName() + " = " + Arrays.stream(type.getEnumConstants())
                .map(constant -> "'" + ((Enum<?>) constant).name() + "'").collect(Collectors.joining(" | ")) + ";\n";
    }

    private static String tsType(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return tsType(arguments[0]) + "[]";
            }
            if (Map.class.isAssignableFrom(raw)) {
                return "Record<" + tsType(arguments[0]) + ", " + tsType(arguments[1]) + ">";
            }
        }
        if (type instanceof Class<?> plain) {
            if (plain == String.class) {
                return "string";
            }
            if (plain == boolean.class || plain == Boolean.class) {
                return "boolean";
            }
            if (plain.isPrimitive() || Number.class.isAssignableFrom(plain)) {
                return "number";
            }
            if (plain.isRecord() || plain.isEnum()) {
                return plain.getSimpleName();
            }
        }
        throw new IllegalArgumentException("No TypeScript type for " + type + ": the canvas model sends only records,"
                + " enums, strings, numbers, booleans, lists and maps");
    }
}
