package dev.sluice.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a page that does not exist, or that the user may not see, shows inside the app shell: the same words for
 * both, so a URL cannot tell another workspace's flow from no flow at all.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-found");
        H2 title = new H2(getTranslation("notfound.title"));
        Paragraph why = new Paragraph(getTranslation("notfound.text", "/" + event.getLocation().getPath()));
        Anchor home = new Anchor("", getTranslation("notfound.home"));
        home.setId("not-found-home");
        add(title, why, home);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
