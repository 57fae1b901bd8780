package dev.sluice.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.velocity.Template;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Renders Velocity 2 templates, and is the only thing in Sluice that does. Templates come from strings or from the
 * shipped library ({@code templates/} in the repository, {@code sluice-templates/} on the class path), never from
 * files; {@code #include}, {@code #parse}, {@code #evaluate}, {@code #define} and {@code #macro} are refused, the
 * {@link AllowlistUberspector} keeps templates away from classes and reflection, and every render has a
 * {@link TemplateLimits budget}. {@link #shared()} is what the engine, dry-run and {@code flow test} use.
 * Thread-safe.
 */
public final class TemplateRenderer {

    static final String LIBRARY = "sluice-templates/";
    private static final Pattern LIBRARY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> REFUSED = Set.of("include", "parse", "evaluate", "define", "macro");
    private static volatile TemplateRenderer shared;

    private final RuntimeInstance velocity = new RuntimeInstance();
    private final TemplateLimits limits;

    public TemplateRenderer(TemplateLimits limits) {
        this.limits = limits;
        Properties settings = new Properties();
        // no file loader (the default one read ../../../etc/hostname here); templates are parsed from strings
        settings.setProperty(RuntimeConstants.RESOURCE_LOADERS, "string");
        settings.setProperty("resource.loader.string.class",
                "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        settings.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, AllowlistUberspector.class.getName());
        settings.setProperty(RuntimeConstants.CUSTOM_DIRECTIVES, BudgetedForeach.class.getName());
        // a range is walked lazily, never made into a list of a billion numbers
        settings.setProperty("runtime.immutable_ranges", "true");
        // "$a$b" builds no strings: values are escaped once, where they are inserted, and cannot double in a loop
        settings.setProperty(RuntimeConstants.INTERPOLATE_STRINGLITERALS, "false");
        settings.setProperty(RuntimeConstants.VM_PERM_ALLOW_INLINE, "false");
        settings.setProperty(RuntimeConstants.VM_MAX_DEPTH, "10");
        settings.setProperty(RuntimeConstants.PARSE_DIRECTIVE_MAXDEPTH, "1");
        settings.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
        settings.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        velocity.setProperties(settings);
        // syntax errors in users' templates are reported as problems; Velocity would log each at ERROR as well
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_INSTANCE, org.slf4j.helpers.NOPLogger.NOP_LOGGER);
        velocity.init();
        for (String directive : List.of("include", "parse", "evaluate")) {
            velocity.removeDirective(directive);
        }
    }

    /** The renderer of this process, with {@link TemplateLimits#defaults()}. */
    public static TemplateRenderer shared() {
        TemplateRenderer renderer = shared;
        if (renderer == null) {
            synchronized (TemplateRenderer.class) {
                if (shared == null) {
                    shared = new TemplateRenderer(TemplateLimits.defaults());
                }
                renderer = shared;
            }
        }
        return renderer;
    }

    public TemplateLimits limits() {
        return limits;
    }

    /** The text of a library template ({@code finance-payment-record}), if Sluice ships one of that name. */
    public static Optional<String> library(String name) {
        if (name == null || !LIBRARY_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = TemplateRenderer.class.getClassLoader().getResourceAsStream(LIBRARY + name + ".vm")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names of the shipped library templates, sorted. */
    public static List<String> libraryNames() {
        try {
            return java.util.Arrays.stream(new org.springframework.core.io.support.PathMatchingResourcePatternResolver(
                            TemplateRenderer.class.getClassLoader()).getResources("classpath*:" + LIBRARY + "*.vm"))
                    .map(org.springframework.core.io.Resource::getFilename)
                    .filter(java.util.Objects::nonNull)
                    .map(file -> file.substring(0, file.length() - 3))
                    .filter(name -> LIBRARY_NAME.matcher(name).matches())
                    .sorted().distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Everything that makes {@code text} unusable: its length, nesting deeper than {@value TemplateNesting#MAX_DEPTH}
     * levels (so that neither parsing nor rendering can run out of stack), a syntax error, a refused directive.
     */
    public List<TemplateProblem> check(String text) {
        List<TemplateProblem> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            problems.add(new TemplateProblem(0, 0, "is empty"));
            return problems;
        }
        if (text.length() > limits.maxTemplateChars()) {
            problems.add(new TemplateProblem(0, 0, "is " + text.length() + " characters long, more than the limit of "
                    + limits.maxTemplateChars()));
            return problems;
        }
        TemplateProblem nesting = TemplateNesting.check(text);
        if (nesting != null) {
            problems.add(nesting);
            return problems;
        }
        try {
            refused(parse(HyphenatedNames.rewrite(text).text(), "check").getData() instanceof SimpleNode root ? root
                    : null, problems);
        } catch (StackOverflowError e) {
            // the scan above should have caught it; a problem all the same, never an error out of validation
            problems.add(new TemplateProblem(0, 0, "is nested too deeply to be read"));
        } catch (ParseException e) {
            problems.add(syntaxProblem(e));
        } catch (VelocityException | IllegalArgumentException e) {
            problems.add(new TemplateProblem(0, 0, "cannot be prepared: " + firstLine(e.getMessage())));
        }
        return problems;
    }

    /** Prepares a template that passed {@link #check}; {@code name} names it in failures ("inline", a library name). */
    public CompiledTemplate compile(String text, String name) {
        List<TemplateProblem> problems = check(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Template " + name + " cannot be used: " + problems.get(0));
        }
        HyphenatedNames names = HyphenatedNames.rewrite(text);
        try {
            return new CompiledTemplate(parse(names.text(), name), limits, names.aliases());
        } catch (ParseException e) {
            throw new IllegalArgumentException("Template " + name + " does not parse: " + syntaxProblem(e));
        }
    }

    private Template parse(String text, String name) throws ParseException {
        Template template = new Template();
        template.setRuntimeServices(velocity);
        template.setName(name);
        SimpleNode root = velocity.parse(new StringReader(text), template);
        GuardedNode.install(root);
        template.setData(root);
        template.initDocument();
        return template;
    }

    private static void refused(Node node, List<TemplateProblem> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof ASTDirective directive && REFUSED.contains(directive.getDirectiveName())) {
            problems.add(new TemplateProblem(directive.getLine(), directive.getColumn(), "#"
                    + directive.getDirectiveName() + " is not available in Sluice templates: they render from the "
                    + "event alone, without files, other templates or macros"));
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            refused(node.jjtGetChild(i), problems);
        }
    }

    private static TemplateProblem syntaxProblem(ParseException e) {
        int line = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next.beginLine : 0;
        int column = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next.beginColumn : 0;
        String message = firstLine(e.getMessage()).replaceFirst(" at .*\\[line \\d+, column \\d+\\]", "");
        return new TemplateProblem(line, column, message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
