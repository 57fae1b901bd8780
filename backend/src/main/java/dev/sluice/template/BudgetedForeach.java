package dev.sluice.template;

import java.io.IOException;
import java.io.Writer;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Velocity's {@code #foreach}, counting every iteration against the render's budget, so nested loops over huge
 * ranges fail the render instead of spinning. Public only because Velocity instantiates directives by class name.
 */
public final class BudgetedForeach extends Foreach {

    @Override
    protected void renderBlock(InternalContextAdapter context, Writer writer, Node block) throws IOException {
        RenderBudget.iteration();
        super.renderBlock(context, writer, block);
    }
}
