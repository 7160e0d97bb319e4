package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The reading of the kernel's socket tables, on which the loopback-only check rests, tells loopback from the rest. */
class ListeningSocketsTest {

    @Test
    void readsAddressesAndPortsInTheKernelsByteOrder() {
        assertThat(ListeningSockets.parse("0100007F:1F90")).isEqualTo(java.util.Map.entry(8080, loopback4()));
        assertThat(ListeningSockets.parse("00000000:0050").getValue().isAnyLocalAddress()).isTrue();
        assertThat(ListeningSockets.parse("00000000000000000000000001000000:1F91").getValue().getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ListeningSockets.parse("0000000000000000FFFF00000100007F:0050").getValue()).isEqualTo(loopback4());
        assertThat(ListeningSockets.parse("00000000000000000000000000000000:0050").getValue().isLoopbackAddress())
                .isFalse();
    }

    @Test
    void findsASocketListeningOnLoopbackAndOneListeningEverywhere() throws IOException {
        try (var loopbackOnly = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var everywhere = new ServerSocket(0)) {
            var sockets = ListeningSockets.read();

            assertThat(sockets.addressesOf(loopbackOnly.getLocalPort())).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.isLoopbackAddress()).isTrue());
            assertThat(sockets.addressesOf(everywhere.getLocalPort())).isNotEmpty()
                    .anySatisfy(address -> assertThat(address.isLoopbackAddress()).isFalse());
        }
    }

    private static InetAddress loopback4() {
        return InetAddress.getLoopbackAddress();
    }
}
