package dev.sluice.template;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

import org.apache.velocity.Template;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.Parser;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.ASTAddNode;
import org.apache.velocity.runtime.parser.node.ASTMap;
import org.apache.velocity.runtime.parser.node.ASTObjectArray;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.StandardParserVisitor;

/**
 * Wraps the parsed nodes that could build values without bound and checks what they build. {@code $s + $s}
 * concatenates strings, so its results count against the render's character budget like inserted text; list and
 * map literals may hold only strings, numbers and booleans, so {@code #set($l = [$l, $l])} cannot double a
 * structure that one comparison or one insertion would then walk exponentially.
 */
final class GuardedNode implements Node {

    private final Node node;

    private GuardedNode(Node node) {
        this.node = node;
    }

    /** Wraps, in place, every node under {@code root} that needs a guard. Call before the template is initialised. */
    static void install(Node root) {
        for (int i = 0; i < root.jjtGetNumChildren(); i++) {
            Node child = root.jjtGetChild(i);
            install(child);
            if (child instanceof ASTAddNode || child instanceof ASTObjectArray || child instanceof ASTMap) {
                root.jjtAddChild(new GuardedNode(child), i);
            }
        }
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Object value = node.value(context);
        switch (value) {
            case String text -> RenderBudget.inserted(text.length());
            case Collection<?> list -> list.forEach(GuardedNode::scalar);
            case Map<?, ?> map -> map.values().forEach(GuardedNode::scalar);
            case null, default -> RenderBudget.tick();
        }
        return value;
    }

    private static void scalar(Object element) {
        if (element instanceof Collection || element instanceof Map) {
            throw new RenderBudget.Stopped(false, "list and map literals in templates may hold only strings, "
                    + "numbers and booleans, not other lists or maps");
        }
    }

    @Override
    public boolean evaluate(InternalContextAdapter context) {
        return node.evaluate(context);
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
        return node.render(context, writer);
    }

    @Override
    public Object execute(Object o, InternalContextAdapter context) {
        return node.execute(o, context);
    }

    @Override
    public Object init(InternalContextAdapter context, Object data) {
        return node.init(context, data);
    }

    @Override
    public void jjtOpen() {
        node.jjtOpen();
    }

    @Override
    public void jjtClose() {
        node.jjtClose();
    }

    @Override
    public void jjtSetParent(Node parent) {
        node.jjtSetParent(parent);
    }

    @Override
    public Node jjtGetParent() {
        return node.jjtGetParent();
    }

    @Override
    public void jjtAddChild(Node child, int i) {
        node.jjtAddChild(child, i);
    }

    @Override
    public Node jjtGetChild(int i) {
        return node.jjtGetChild(i);
    }

    @Override
    public int jjtGetNumChildren() {
        return node.jjtGetNumChildren();
    }

    @Override
    public Object jjtAccept(StandardParserVisitor visitor, Object data) {
        return node.jjtAccept(visitor, data);
    }

    @Override
    public Object childrenAccept(StandardParserVisitor visitor, Object data) {
        return node.childrenAccept(visitor, data);
    }

    @Override
    public Token getFirstToken() {
        return node.getFirstToken();
    }

    @Override
    public Token getLastToken() {
        return node.getLastToken();
    }

    @Override
    public int getType() {
        return node.getType();
    }

    @Override
    public void setInfo(int info) {
        node.setInfo(info);
    }

    @Override
    public int getInfo() {
        return node.getInfo();
    }

    @Override
    public String literal() {
        return node.literal();
    }

    @Override
    public void setInvalid() {
        node.setInvalid();
    }

    @Override
    public boolean isInvalid() {
        return node.isInvalid();
    }

    @Override
    public int getLine() {
        return node.getLine();
    }

    @Override
    public int getColumn() {
        return node.getColumn();
    }

    @Override
    public String getTemplateName() {
        return node.getTemplateName();
    }

    @Override
    public String getFirstTokenImage() {
        return node.getFirstTokenImage();
    }

    @Override
    public String getLastTokenImage() {
        return node.getLastTokenImage();
    }

    @Override
    public Template getTemplate() {
        return node.getTemplate();
    }

    @Override
    public Parser getParser() {
        return node.getParser();
    }
}
