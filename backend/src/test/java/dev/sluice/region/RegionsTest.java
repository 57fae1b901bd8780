package dev.sluice.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class RegionsTest {

    private static Region region(String name) {
        return new Region(name, "amqp://sluice:pw@" + name + ".example:5671", URI.create("https://" + name
                + ".example:15671"), null, null, null);
    }

    @Test
    void anInstallationWithoutRegionSettingsIsOneRegionThatRunsEverything() {
        Regions single = Regions.single();

        assertThat(single.here()).isEqualTo(Regions.SINGLE);
        assertThat(single.several()).isFalse();
        assertThat(single.resolve(null)).isEqualTo(Regions.SINGLE);
        assertThat(single.names()).containsExactly(Regions.SINGLE);
        assertThat(single.knows("cn-east")).isFalse();
    }

    @Test
    void whatNamesNoRegionIsInTheFirstConfiguredOneWhereverTheInstanceRuns() {
        Regions north = new Regions("cn-north", List.of(region("cn-east"), region("cn-north")));

        assertThat(north.here()).isEqualTo("cn-north");
        assertThat(north.resolve(null)).isEqualTo("cn-east");
        assertThat(north.resolve("cn-north")).isEqualTo("cn-north");
        assertThat(north.several()).isTrue();
        assertThat(new Regions("", List.of(region("cn-east"), region("cn-north"))).here()).isEqualTo("cn-east");
    }

    @Test
    void refusesAnInstanceRegionThatIsNotConfiguredARegionTwiceAndABadName() {
        assertThatThrownBy(() -> new Regions("eu-west", List.of(region("cn-east"))))
                .hasMessageContaining("SLUICE_REGION is eu-west").hasMessageContaining("cn-east");
        assertThatThrownBy(() -> new Regions(null, List.of(region("cn-east"), region("cn-east"))))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new Region("CN_East", null, null, null, null, null))
                .hasMessageContaining("lower-case");
    }

    @Test
    void showsARegionsAddressWithoutItsCredentialsAndLinksOnlyRegionsWithBothAddresses() {
        Region east = region("cn-east");

        assertThat(east.amqpAddress()).isEqualTo("amqp://cn-east.example:5671");
        assertThat(east.toString()).doesNotContain("pw");
        assertThat(east.linkable()).isTrue();
        assertThat(new Region("cn-west", null, null, null, null, null).linkable()).isFalse();
        assertThat(east.vhost()).isEqualTo("/");
    }
}
