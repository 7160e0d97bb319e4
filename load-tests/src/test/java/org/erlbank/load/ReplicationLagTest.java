package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicationLagTest {

    @Test
    void percentilesAreNearestRanksOfTheArrivedRenames() {
        var lag = new ReplicationLag(LongStream.rangeClosed(1, 200).boxed().toList(), 0);

        assertThat(lag.percentile(50)).isEqualTo(100);
        assertThat(lag.percentile(99)).isEqualTo(198);
        assertThat(lag.percentile(100)).isEqualTo(200);
        assertThat(new ReplicationLag(List.of(), 3).percentile(50)).isEqualTo(-1);
    }

    @Test
    void whatTheDemoRecordsIsWhatTheSummaryReads(@TempDir Path folder) throws IOException {
        var recorder = new ReplicationLag.Recorder();
        recorder.arrived(640);
        recorder.missed();
        recorder.arrived(85);
        var file = folder.resolve("replication-lag.txt");

        recorder.lag().write(file);
        var read = ReplicationLag.read(file);

        assertThat(read.arrivedMillis()).containsExactly(85L, 640L);
        assertThat(read.missed()).isEqualTo(1);
        assertThat(read.renames()).isEqualTo(3);
        assertThat(read).hasToString("3 renames: p50 85 ms, p99 640 ms, max 640 ms; 1 never arrived");
    }

    @Test
    void refusesAFileThatIsNoLag(@TempDir Path folder) throws IOException {
        var file = Files.writeString(folder.resolve("replication-lag.txt"), "arrived 12\nlate 40\n");

        assertThatThrownBy(() -> ReplicationLag.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("late 40");
    }
}
