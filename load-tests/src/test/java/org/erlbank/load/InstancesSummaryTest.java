package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.erlbank.load.GatlingReport.Row;
import org.junit.jupiter.api.Test;

class InstancesSummaryTest {

    @Test
    void comparesTheSetUpsOverTheirSlicesAsARatio() {
        var report = new GatlingReport(Map.of(
                InstancesSimulation.TWO, new Row(InstancesSimulation.TWO, 30_000, 0, 9, 40, 90),
                InstancesSimulation.ONE, new Row(InstancesSimulation.ONE, 24_000, 2, 11, 45, 99),
                InstancesSimulation.GAP, new Row(InstancesSimulation.GAP, 5_000, 0, 10, 40, 99)));
        var text = new ByteArrayOutputStream();

        InstancesSummary.print(report, new PrintStream(text, true, StandardCharsets.UTF_8), "a machine");

        assertThat(text.toString(StandardCharsets.UTF_8))
                .containsPattern("two instances of customer-service +30000 +0 +9 +40 +1500[.]0")
                .containsPattern("one instance \\(the other out\\) +24000 +2 +11 +45 +1200[.]0")
                .contains("throughput two / one: 1.25 x");
    }

    @Test
    void slicesFollowTheWarmUpEachAfterAGapForTheBalancers() {
        assertThat(InstancesSimulation.sliceStart(0)).isEqualTo(Duration.ofSeconds(63));
        assertThat(InstancesSimulation.sliceStart(1)).isEqualTo(Duration.ofSeconds(76));
        assertThat(InstancesSimulation.total()).isEqualTo(Duration.ofSeconds(112));
        assertThat(InstancesSimulation.SLICES_WITH_TWO).containsExactly(true, false, true, false);
    }
}
