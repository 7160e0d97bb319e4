package org.erlbank.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The TCP sockets this machine listens on, from the kernel's own tables ({@code /proc/net/tcp} and {@code tcp6}): on
 * which addresses a port is open, whether or not the machine has any address but loopback.
 */
record ListeningSockets(Map<Integer, List<InetAddress>> byPort) {

    private static final String LISTEN = "0A";

    static ListeningSockets read() {
        var sockets = new ArrayList<Map.Entry<Integer, InetAddress>>();
        for (var table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
            if (!Files.exists(table)) {
                continue;
            }
            try {
                Files.readAllLines(table).stream().skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(columns -> columns.length > 3 && LISTEN.equals(columns[3]))
                        .forEach(columns -> sockets.add(parse(columns[1])));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ListeningSockets(sockets.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
    }

    List<InetAddress> addressesOf(int port) {
        return byPort.getOrDefault(port, List.of());
    }

    /**
     * "0100007F:1F90": the address in hexadecimal, each 32-bit word in the machine's byte order (little-endian
     * here), then the port.
     */
    static Map.Entry<Integer, InetAddress> parse(String localAddress) {
        var hex = localAddress.substring(0, localAddress.indexOf(':'));
        int port = Integer.parseInt(localAddress.substring(localAddress.indexOf(':') + 1), 16);
        var bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return Map.entry(port, InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }
}
