package dev.sluice.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installation's regions and the one this instance runs in. With none configured the installation is one region,
 * named after {@code sluice.region} ({@value #SINGLE} by default), and nothing is linked. A source or flow that names
 * no region is in the default one: the first configured, the same on every instance.
 */
public final class Regions {

    public static final String SINGLE = "default";

    private final String here;
    private final Map<String, Region> regions = new LinkedHashMap<>();

    /**
     * @param here    this instance's region ({@code SLUICE_REGION}); blank for the first configured
     * @param regions every region of the installation, the same list on every instance
     */
    public Regions(String here, List<Region> regions) {
        for (Region region : regions == null ? List.<Region>of() : regions) {
            if (this.regions.putIfAbsent(region.name(), region) != null) {
                throw new IllegalArgumentException("the region " + region.name() + " is configured twice "
                        + "(sluice.regions)");
            }
        }
        boolean named = here != null && !here.isBlank();
        if (named && !Region.NAME.matcher(here).matches()) {
            throw new IllegalArgumentException("SLUICE_REGION is 1 to 63 lower-case letters, digits or '-', not '"
                    + here + "'");
        }
        if (named && !this.regions.isEmpty() && !this.regions.containsKey(here)) {
            throw new IllegalArgumentException("SLUICE_REGION is " + here + ", which is not one of the configured "
                    + "regions (sluice.regions): " + String.join(", ", this.regions.keySet()));
        }
        this.here = named ? here : this.regions.keySet().stream().findFirst().orElse(SINGLE);
    }

    /** One region, unlinked: what an installation without region settings is. */
    public static Regions single() {
        return new Regions(null, List.of());
    }

    /** This instance's region. */
    public String here() {
        return here;
    }

    /** True when the installation has more than one region, so sources and flows may be in different ones. */
    public boolean several() {
        return regions.size() > 1;
    }

    /** The region of a source or flow that names none. */
    public String defaultRegion() {
        return regions.keySet().stream().findFirst().orElse(here);
    }

    /** The region named so, or the default one for null. */
    public String resolve(String region) {
        return region == null || region.isBlank() ? defaultRegion() : region;
    }

    /** True when {@code name} is a region of the installation. */
    public boolean knows(String name) {
        return regions.isEmpty() ? here.equals(name) : regions.containsKey(name);
    }

    public Optional<Region> find(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    /** The names of the installation's regions, in configured order. */
    public List<String> names() {
        return regions.isEmpty() ? List.of(here) : List.copyOf(regions.keySet());
    }

    public List<Region> all() {
        return List.copyOf(regions.values());
    }
}
