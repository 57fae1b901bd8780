package dev.sluice.region;

import java.util.Collection;

/** Which links the deployed flows need now: each source with a flow outside its home region. */
@FunctionalInterface
public interface LinkNeeds {

    Collection<RegionLinks.Link> needed();
}
