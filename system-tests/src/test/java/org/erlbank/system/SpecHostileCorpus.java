package org.erlbank.system;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A hostile corpus generated from the OpenAPI specs instead of enumerated by hand: for every operation of every
 * served spec, a valid request (path parameters of the demo data, required query parameters and the body built
 * from the schemas' examples), broken one part at a time: each path, query and header parameter and each body
 * field, with broken and non-UTF-8 percent escapes, raw bytes no URL may hold, control characters, values beyond
 * their lengths and limits, wrong JSON types, nulls, duplicates, unknown fields and missing required parts.
 *
 * <p>Only what the spec forbids is kept (each candidate is checked against its schema; a value at a limit that is
 * still valid is dropped), so every request must be refused, and since a write is sent only broken, none may
 * change anything. A seed chooses the values (which control character, which bytes, where in a value, how long):
 * the same seed gives the same requests, byte for byte.
 */
final class SpecHostileCorpus {

    /** Where a broken part is. */
    enum In { PATH, QUERY, HEADER, BODY }

    /** A part of an operation: a parameter, or a body field by its dotted path ({@code ""} for the body itself). */
    record Part(String operation, In in, String name) {
    }

    /** One hostile request, as raw as it goes on the wire: the target and header values are ISO-8859-1 bytes. */
    record Request(String name, Part part, String method, String target, List<Map.Entry<String, String>> headers,
            byte[] body) {

        /** The same request with one more header (a credential, say). */
        Request withHeader(String name, String value) {
            var more = new java.util.ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Request(this.name, part, method, target, List.copyOf(more), body);
        }

        /** The request as HTTP/1.1 sends it, on a connection of its own. */
        byte[] bytes(String host) {
            var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nConnection: close\r\n");
            for (var header : headers) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            var out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }
    }

    /** The seed every run uses; a second, random one is added and printed. */
    static final long FIXED_SEED = 16;

    /** The specs each service serves; the gateway serves them all. */
    static final Map<String, List<String>> SPECS_OF = Map.of(
            "customer-service", List.of("customer-api-v1.yaml", "customer-api-v2.yaml", "customer-feed-api-v1.yaml"),
            "account-service", List.of("account-api-v1.yaml"));

    /**
     * Values for parameters a valid request needs: the demo data's (Ada and her account), and an {@code If-Match}
     * the specs declare optional only so that its absence can be answered with 428. {@code "0"} is Ada's first
     * version: a change with a broken body must be refused for its body, not for a stale precondition.
     */
    private static final Map<String, String> DEMO = Map.of(
            "customerId", HostileRequests.ADA,
            "accountNumber", "10000001",
            "If-Match", "\"0\"");

    /** Headers whose value is a list (RFC 9110 5.3): sent twice they are one list, which is no error. */
    private static final Set<String> LIST_HEADERS = Set.of("If-Match", "If-None-Match");

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]+$");

    /** Escapes that decode to bytes that are not UTF-8: a stray continuation byte, cut-short and overlong sequences, a surrogate. */
    private static final List<String> NOT_UTF8 = List.of("%ff", "%80", "%c3%28", "%e0%a4", "%c0%af", "%ed%a0%80",
            "%f8%88%80%80%80");
    /** A % that starts no escape. */
    private static final List<String> BROKEN_ESCAPES = List.of("%", "%z", "%zz", "%4", "%g0", "%%");
    /**
     * Bytes that never stand unescaped in a request target: controls, DEL, and no UTF-8 at all. Not space and tab:
     * they end the target, and a parser may read what follows as more white space (RFC 9112 3), so a space at a
     * value's end leaves a valid request.
     */
    private static final List<Integer> RAW_TARGET_BYTES = List.of(0x00, 0x01, 0x0b, 0x1b, 0x7f, 0x80, 0xc3, 0xff);
    /** Sequences that are not UTF-8, for inside a JSON string. */
    private static final List<byte[]> NOT_UTF8_BYTES = List.of(new byte[] { (byte) 0xff },
            new byte[] { (byte) 0xc3, 0x28 }, new byte[] { (byte) 0xe0, (byte) 0xa4 }, new byte[] { (byte) 0x80 },
            new byte[] { (byte) 0xc0, (byte) 0xaf }, new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 });

    private final String spec;
    private final OpenAPI api;

    private SpecHostileCorpus(String spec, OpenAPI api) {
        this.spec = spec;
        this.api = api;
    }

    /** The specs the services serve: every {@code api-specs/*-api-v*.yaml} (not the released copies). */
    static List<Path> servedSpecs() {
        try (Stream<Path> files = Files.list(Erlbank.ROOT.resolve("api-specs"))) {
            return files.filter(file -> file.getFileName().toString().matches("[a-z-]+-api-v\\d+\\.yaml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecHostileCorpus of(Path spec) {
        var options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var result = new OpenAPIParser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalArgumentException(spec + ": " + result.getMessages());
        }
        return new SpecHostileCorpus(spec.getFileName().toString(), result.getOpenAPI());
    }

    /** The generated requests of every spec a target serves, for one seed. */
    static List<Request> forSpecs(Collection<String> specs, long seed) {
        var requests = new ArrayList<Request>();
        for (var spec : specs) {
            requests.addAll(of(Erlbank.ROOT.resolve("api-specs").resolve(spec)).requests(seed));
        }
        return requests;
    }

    String spec() {
        return spec;
    }

    /** An operation of the spec: method, path template, and its parameters (the path's and its own). */
    record Operation(String name, String method, String path, List<Parameter> parameters, Schema<?> body,
            boolean bodyRequired) {
    }

    List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        for (var path : api.getPaths().entrySet()) {
            for (var entry : path.getValue().readOperationsMap().entrySet()) {
                var operation = entry.getValue();
                var parameters = new ArrayList<Parameter>();
                if (path.getValue().getParameters() != null) {
                    parameters.addAll(path.getValue().getParameters());
                }
                if (operation.getParameters() != null) {
                    parameters.addAll(operation.getParameters());
                }
                Schema<?> body = null;
                boolean bodyRequired = false;
                if (operation.getRequestBody() != null) {
                    var json = operation.getRequestBody().getContent().get("application/json");
                    body = json == null ? null : json.getSchema();
                    bodyRequired = Boolean.TRUE.equals(operation.getRequestBody().getRequired());
                }
                var method = entry.getKey().name();
                operations.add(new Operation(method + " " + path.getKey(), method, path.getKey(), parameters, body,
                        bodyRequired));
            }
        }
        return operations;
    }

    /** Every part of every operation that a request can break: the unit test's list of what must be covered. */
    List<Part> parts() {
        var parts = new ArrayList<Part>();
        for (var operation : operations()) {
            for (var parameter : operation.parameters()) {
                parts.add(new Part(operation.name(), In.valueOf(parameter.getIn().toUpperCase()), parameter.getName()));
            }
            if (operation.body() != null) {
                parts.add(new Part(operation.name(), In.BODY, ""));
                fields("", operation.body(), (name, schema) -> parts.add(new Part(operation.name(), In.BODY, name)));
            }
        }
        return parts;
    }

    private static void fields(String prefix, Schema<?> schema, java.util.function.BiConsumer<String, Schema<?>> each) {
        if (schema.getProperties() == null) {
            return;
        }
        for (var property : schema.getProperties().entrySet()) {
            var name = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            each.accept(name, property.getValue());
            fields(name, property.getValue(), each);
        }
    }

    List<Request> requests(long seed) {
        // One random per spec and seed, used in a fixed order: the same seed gives the same requests.
        var random = new Random(seed ^ spec.hashCode());
        var requests = new ArrayList<Request>();
        for (var operation : operations()) {
            new OperationMutator(operation, random, requests).mutate();
        }
        return requests;
    }

    /** Breaks one operation's valid request, one part at a time. */
    private static final class OperationMutator {

        private final Operation operation;
        private final Random random;
        private final List<Request> out;
        private final Map<String, String> path = new LinkedHashMap<>(); // name -> raw (encoded) value
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final Object body;
        private final byte[] validRequest;

        OperationMutator(Operation operation, Random random, List<Request> out) {
            this.operation = operation;
            this.random = random;
            this.out = out;
            for (var parameter : operation.parameters()) {
                var demo = DEMO.get(parameter.getName());
                var needed = Boolean.TRUE.equals(parameter.getRequired()) || demo != null;
                if (!needed) {
                    continue;
                }
                var value = demo != null ? demo : validValue(parameter.getSchema());
                switch (parameter.getIn()) {
                    case "path" -> path.put(parameter.getName(), encode(value));
                    case "query" -> query.add(Map.entry(parameter.getName(), encode(value)));
                    case "header" -> headers.add(Map.entry(parameter.getName(), value));
                    default -> throw new IllegalArgumentException("parameter in " + parameter.getIn());
                }
            }
            this.body = operation.body() == null ? null : validJson(operation.body());
            this.validRequest = request(new Part(operation.name(), In.BODY, ""), "valid", path, query, headers, body)
                    .bytes("");
        }

        void mutate() {
            for (var parameter : operation.parameters()) {
                var part = new Part(operation.name(), In.valueOf(parameter.getIn().toUpperCase()), parameter.getName());
                switch (parameter.getIn()) {
                    case "path", "query" -> urlValues(part, parameter);
                    case "header" -> headerValues(part, parameter);
                    default -> throw new IllegalArgumentException("parameter in " + parameter.getIn());
                }
            }
            if (operation.body() != null) {
                bodies();
            }
        }

        // ---- path and query parameters ----

        /** A value in a URL: as sent (escaped), and as the spec sees it ({@code null}: it decodes to no text). */
        private record UrlValue(String label, String raw, String decoded) {
        }

        private void urlValues(Part part, Parameter parameter) {
            var schema = parameter.getSchema();
            var valid = DEMO.getOrDefault(parameter.getName(), validValue(schema));
            var candidates = new ArrayList<UrlValue>();
            candidates.add(new UrlValue("%ff", "%ff", null));
            var notUtf8 = pick(NOT_UTF8);
            candidates.add(new UrlValue("not UTF-8 " + notUtf8, insert(encode(valid), notUtf8), null));
            var broken = pick(BROKEN_ESCAPES);
            candidates.add(new UrlValue("broken escape " + broken, insertBroken(encode(valid), broken), null));
            int raw = pick(RAW_TARGET_BYTES);
            candidates.add(new UrlValue(String.format("raw byte 0x%02x", raw), insert(encode(valid), String.valueOf((char) raw)),
                    null));
            var control = control();
            var withControl = insertText(valid, String.valueOf(control));
            candidates.add(new UrlValue(String.format("control character U+%04X", (int) control), encode(withControl),
                    withControl));
            candidates.add(new UrlValue("empty", "", ""));
            candidates.add(new UrlValue("white space", "%20", " "));
            var padded = random.nextBoolean() ? " " + valid : valid + " ";
            candidates.add(new UrlValue("padded with a space", encode(padded), padded));
            var longer = overlong(schema, valid);
            candidates.add(new UrlValue("overlong (" + longer.length() + " characters)", encode(longer), longer));
            if ("integer".equals(schema.getType())) {
                for (var number : numbers(schema)) {
                    candidates.add(new UrlValue(number, encode(number), number));
                }
            } else {
                var other = wrongText(valid);
                candidates.add(new UrlValue("wrong format " + abbreviate(other), encode(other), other));
            }
            for (var candidate : candidates) {
                if (candidate.decoded() == null || !valid(schema, candidate.decoded())) {
                    send(part, candidate.label(), part.in() == In.PATH ? withPath(part.name(), candidate.raw()) : path,
                            part.in() == In.QUERY ? withQuery(part.name(), candidate.raw()) : query, headers, body);
                }
            }
            if (part.in() == In.QUERY) {
                // A parameter of one value given twice: which one counts would be a guess.
                var twice = new ArrayList<>(withQuery(part.name(), encode(valid)));
                twice.add(Map.entry(part.name(), encode(valid)));
                send(part, "given twice", path, twice, headers, body);
                if (Boolean.TRUE.equals(parameter.getRequired())) {
                    send(part, "missing", path, withQuery(part.name(), null), headers, body);
                }
            }
        }

        private Map<String, String> withPath(String name, String raw) {
            var changed = new LinkedHashMap<>(path);
            changed.put(name, raw);
            return changed;
        }

        /** The query with this parameter's value replaced or added ({@code null}: removed). */
        private List<Map.Entry<String, String>> withQuery(String name, String raw) {
            var changed = new ArrayList<Map.Entry<String, String>>();
            for (var parameter : query) {
                if (!parameter.getKey().equals(name)) {
                    changed.add(parameter);
                }
            }
            if (raw != null) {
                changed.add(Map.entry(name, raw));
            }
            return changed;
        }

        /** Numbers beyond the limits and of the wrong kind; those at a limit are dropped as valid by the check. */
        private List<String> numbers(Schema<?> schema) {
            var numbers = new ArrayList<String>();
            if (schema.getMinimum() != null) {
                var minimum = schema.getMinimum().toBigInteger();
                numbers.add(minimum.toString());
                numbers.add(minimum.subtract(BigInteger.ONE).toString());
                numbers.add(minimum.subtract(BigInteger.valueOf(2 + random.nextInt(1_000_000))).toString());
            }
            if (schema.getMaximum() != null) {
                var maximum = schema.getMaximum().toBigInteger();
                numbers.add(maximum.toString());
                numbers.add(maximum.add(BigInteger.ONE).toString());
                numbers.add(maximum.add(BigInteger.valueOf(2 + random.nextInt(1_000_000))).toString());
            }
            numbers.add("int64".equals(schema.getFormat()) ? "9223372036854775808" : "2147483648");
            numbers.add("9".repeat(20 + random.nextInt(30)));
            numbers.add(pick(List.of("1.5", "1e3", "0x10", "abc", "true", "1_000", "+-1", "١")));
            return numbers;
        }

        // ---- header parameters ----

        private void headerValues(Part part, Parameter parameter) {
            var schema = parameter.getSchema();
            var valid = DEMO.getOrDefault(parameter.getName(), validValue(schema));
            record HeaderValue(String label, String value, boolean invalidForHttp) {
            }
            var candidates = new ArrayList<HeaderValue>();
            candidates.add(new HeaderValue("empty", "", false));
            var longer = overlong(schema, valid);
            candidates.add(new HeaderValue("overlong (" + longer.length() + " characters)", longer, false));
            var control = control();
            // CR and LF would end the header line: they are framing, not a value.
            while (control == '\r' || control == '\n' || control == '\t') {
                control = control();
            }
            candidates.add(new HeaderValue(String.format("control character U+%04X", (int) control),
                    insertText(valid, String.valueOf(control)), true));
            var notAscii = pick(NOT_UTF8_BYTES);
            candidates.add(new HeaderValue("bytes beyond ASCII", insertText(valid, new String(notAscii,
                    StandardCharsets.ISO_8859_1)), true));
            for (var candidate : candidates) {
                if (candidate.invalidForHttp() || !valid(schema, candidate.value())) {
                    send(part, candidate.label(), path, query, withHeader(part.name(), candidate.value()), body);
                }
            }
            if (!LIST_HEADERS.contains(parameter.getName())) {
                // A field that is no list, twice (RFC 9110 5.3): which one counts would be a guess.
                var twice = new ArrayList<>(withHeader(part.name(), valid));
                twice.add(Map.entry(part.name(), valid + "-" + random.nextInt(1000)));
                send(part, "given twice", path, query, twice, body);
            }
            if (Boolean.TRUE.equals(parameter.getRequired())) {
                send(part, "missing", path, query, withHeader(part.name(), null), body);
            }
        }

        private List<Map.Entry<String, String>> withHeader(String name, String value) {
            var changed = new ArrayList<Map.Entry<String, String>>();
            for (var header : headers) {
                if (!header.getKey().equals(name)) {
                    changed.add(header);
                }
            }
            if (value != null) {
                changed.add(Map.entry(name, value));
            }
            return changed;
        }

        // ---- bodies ----

        private void bodies() {
            var whole = new Part(operation.name(), In.BODY, "");
            if (operation.bodyRequired()) {
                send(whole, "missing", path, query, headers, null);
            }
            var json = render(body);
            send(whole, "empty", path, query, headers, new byte[0]);
            send(whole, "JSON null", path, query, headers, bytes("null"));
            send(whole, "a JSON array", path, query, headers, bytes("[" + new String(json, StandardCharsets.UTF_8) + "]"));
            send(whole, "a JSON string", path, query, headers, bytes("\"x\""));
            int cut = 1 + random.nextInt(json.length - 1);
            send(whole, "cut after " + cut + " bytes", path, query, headers, java.util.Arrays.copyOf(json, cut));
            send(whole, "followed by more JSON", path, query, headers, bytes(new String(json, StandardCharsets.UTF_8) + "{}"));
            fields("", operation.body(), (name, schema) -> field(name, schema, required(operation.body(), name)));
            objects("", operation.body());
        }

        /** Unknown fields and fields twice, in every object of the body. */
        private void objects(String prefix, Schema<?> schema) {
            if (!"object".equals(schema.getType()) && schema.getProperties() == null) {
                return;
            }
            var part = new Part(operation.name(), In.BODY, prefix);
            if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                var unknown = pick(List.of("admin", "id", "balance", "_links", "planet", "givenName2"));
                if (schema.getProperties() == null || !schema.getProperties().containsKey(unknown)) {
                    send(part, "with an unknown field " + unknown, path, query, headers,
                            render(changed(body, prefix, object -> object.add(Map.entry(unknown, true)))));
                }
            }
            // A field twice: strict JSON (a key given twice is refused, not "the last one wins").
            send(part, "with a field twice", path, query, headers,
                    render(changed(body, prefix, object -> object.add(object.get(random.nextInt(object.size()))))));
            if (schema.getProperties() != null) {
                for (var property : schema.getProperties().entrySet()) {
                    objects(prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey(), property.getValue());
                }
            }
        }

        private void field(String name, Schema<?> schema, boolean required) {
            var part = new Part(operation.name(), In.BODY, name);
            var parent = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            var key = name.substring(name.lastIndexOf('.') + 1);
            if (required) {
                send(part, "missing", path, query, headers,
                        render(changed(body, parent, object -> object.removeIf(entry -> entry.getKey().equals(key)))));
            }
            var candidates = new LinkedHashMap<String, Object>();
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                candidates.put("null", JsonNull.NULL);
            }
            if ("object".equals(schema.getType()) || schema.getProperties() != null) {
                candidates.put("a string", "x");
                candidates.put("a number", random.nextInt(1000));
                candidates.put("an array", List.of());
                candidates.put("a boolean", random.nextBoolean());
            } else if ("string".equals(schema.getType())) {
                var valid = validValue(schema);
                candidates.put("a number", random.nextInt(1000));
                candidates.put("a boolean", random.nextBoolean());
                candidates.put("an object", new JsonObject(List.of()));
                candidates.put("an array", List.of(valid));
                var checked = new LinkedHashMap<String, String>();
                checked.put("empty", "");
                checked.put("white space", " ".repeat(1 + random.nextInt(3)));
                var longer = overlong(schema, valid);
                checked.put("overlong (" + longer.length() + " characters)", longer);
                var control = control();
                checked.put(String.format("with control character U+%04X", (int) control),
                        insertText(valid, String.valueOf(control)));
                var other = wrongText(valid);
                checked.put("wrong format " + abbreviate(other), other);
                if (schema.getEnum() != null) {
                    checked.put("not one of " + schema.getEnum(), valid.toLowerCase().equals(valid) ? valid.toUpperCase()
                            : valid.toLowerCase());
                }
                for (var entry : checked.entrySet()) {
                    if (!valid(schema, entry.getValue())) {
                        candidates.put(entry.getKey(), entry.getValue());
                    }
                }
                // Not text at all: no JSON string may hold these, whatever its schema.
                candidates.put("with bytes that are not UTF-8", new RawJson(quoted(valid, pick(NOT_UTF8_BYTES))));
                var unescaped = (byte) random.nextInt(0x20); // DEL may stand unescaped in JSON

                candidates.put(String.format("with an unescaped control character 0x%02x", unescaped),
                        new RawJson(quoted(valid, new byte[] { unescaped })));
            }
            for (var candidate : candidates.entrySet()) {
                // An optional field the valid body leaves out is added, broken.
                send(part, candidate.getKey(), path, query, headers, render(changed(body, parent, object -> {
                    int at = indexOf(object, key);
                    if (at < 0) {
                        object.add(Map.entry(key, candidate.getValue()));
                    } else {
                        object.set(at, Map.entry(key, candidate.getValue()));
                    }
                })));
            }
        }

        private static int indexOf(List<Map.Entry<String, Object>> object, String key) {
            for (int i = 0; i < object.size(); i++) {
                if (object.get(i).getKey().equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        /** A JSON string literal: the valid text with these bytes inserted somewhere. */
        private byte[] quoted(String valid, byte[] inserted) {
            var text = valid.getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(text.length + 1);
            var out = new ByteArrayOutputStream();
            out.write('"');
            out.write(text, 0, at);
            out.writeBytes(inserted);
            out.write(text, at, text.length - at);
            out.write('"');
            return out.toByteArray();
        }

        // ---- values ----

        private char control() {
            int c = random.nextInt(33);
            return c == 32 ? '\u007f' : (char) c;
        }

        /** Text inserted at a random place in a value. */
        private String insertText(String value, String inserted) {
            int at = random.nextInt(value.length() + 1);
            return value.substring(0, at) + inserted + value.substring(at);
        }

        /** Raw (already escaped) text inserted at a random place between escapes of an escaped value. */
        private String insert(String encoded, String inserted) {
            return insert(encoded, inserted, false);
        }

        /**
         * A broken escape where what follows cannot complete it: {@code %4} before the {@code a} of a value would be
         * {@code %4a}, a valid escape (seen: a 200 for {@code familyName=%4a}, rightly).
         */
        private String insertBroken(String encoded, String broken) {
            return insert(encoded, broken, true);
        }

        private String insert(String encoded, String inserted, boolean notBeforeAHexDigit) {
            var boundaries = new ArrayList<Integer>();
            for (int i = 0; i <= encoded.length(); i++) {
                boolean insideAnEscape = i >= 1 && encoded.charAt(i - 1) == '%' || i >= 2 && encoded.charAt(i - 2) == '%';
                boolean completes = notBeforeAHexDigit && i < encoded.length()
                        && Character.digit(encoded.charAt(i), 16) >= 0;
                if (!insideAnEscape && !completes) {
                    boundaries.add(i);
                }
            }
            int at = boundaries.get(random.nextInt(boundaries.size()));
            return encoded.substring(0, at) + inserted + encoded.substring(at);
        }

        /** Longer than its schema allows (or than any sane value, where the schema sets no bound). */
        private String overlong(Schema<?> schema, String valid) {
            int length = schema.getMaxLength() != null
                    ? schema.getMaxLength() + 1 + random.nextInt(schema.getMaxLength() + 1)
                    : 1_000 + random.nextInt(4_000);
            var fill = valid.isEmpty() ? 'x' : valid.charAt(random.nextInt(valid.length()));
            var text = new StringBuilder(valid);
            while (text.length() < length) {
                text.append(fill == '-' || fill == ' ' ? 'x' : fill);
            }
            return text.toString();
        }

        /** Text of another shape: one character of the valid value replaced by one from far outside its alphabet. */
        private String wrongText(String valid) {
            if (valid.isEmpty()) {
                return "~";
            }
            int at = random.nextInt(valid.length());
            return valid.substring(0, at) + pick(List.of("~", "Z", "/", "..", "é", "💶", "<", "'")) + valid.substring(at + 1);
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** Adds a broken request; never the valid one (a mutation that changed nothing, of a part it left out). */
        private void send(Part part, String mutation, Map<String, String> pathValues,
                List<Map.Entry<String, String>> queryValues, List<Map.Entry<String, String>> headerValues, Object body) {
            var request = request(part, mutation, pathValues, queryValues, headerValues, body);
            if (!java.util.Arrays.equals(request.bytes(""), validRequest)) {
                out.add(request);
            }
        }

        private Request request(Part part, String mutation, Map<String, String> pathValues,
                List<Map.Entry<String, String>> queryValues, List<Map.Entry<String, String>> headerValues, Object body) {
            var target = operation.path();
            for (var value : pathValues.entrySet()) {
                target = target.replace("{" + value.getKey() + "}", value.getValue());
            }
            if (!queryValues.isEmpty()) {
                var joined = new StringBuilder();
                for (var parameter : queryValues) {
                    joined.append(joined.length() == 0 ? "?" : "&").append(parameter.getKey()).append('=')
                            .append(parameter.getValue());
                }
                target += joined;
            }
            byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw : render(body);
            return new Request(operation.name() + " " + part.in().name().toLowerCase() + " "
                    + (part.name().isEmpty() ? "(the body)" : part.name()) + ": " + abbreviate(mutation), part,
                    operation.method(), target, List.copyOf(headerValues), bytes);
        }
    }

    // ---- valid values, from the schemas ----

    /** A value the schema accepts: its example, its default, its first enum value, or one made for its type. */
    static String validValue(Schema<?> schema) {
        if (schema.getExample() != null) {
            return schema.getExample().toString();
        }
        if (schema.getDefault() != null) {
            return schema.getDefault().toString();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0).toString();
        }
        if ("integer".equals(schema.getType())) {
            return schema.getMinimum() == null ? "1" : schema.getMinimum().toBigInteger().toString();
        }
        if ("uuid".equals(schema.getFormat())) {
            return "00000000-0000-4000-8000-000000000000";
        }
        return "a";
    }

    /** The body a valid request has: every required field, with its example. */
    private static Object validJson(Schema<?> schema) {
        if ("object".equals(schema.getType()) || schema.getProperties() != null) {
            var object = new ArrayList<Map.Entry<String, Object>>();
            for (var property : schema.getProperties().entrySet()) {
                if (schema.getRequired() != null && schema.getRequired().contains(property.getKey())) {
                    object.add(Map.entry(property.getKey(), validJson(property.getValue())));
                }
            }
            return new JsonObject(object);
        }
        return validValue(schema);
    }

    private static boolean required(Schema<?> root, String dotted) {
        Schema<?> schema = root;
        var names = dotted.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            schema = schema.getProperties().get(names[i]);
        }
        return schema.getRequired() != null && schema.getRequired().contains(names[names.length - 1]);
    }

    /** Whether a value (as text: a parameter's, or a JSON string's) is one the schema accepts. */
    static boolean valid(Schema<?> schema, String value) {
        if ("integer".equals(schema.getType())) {
            if (!INTEGER.matcher(value).matches()) {
                return false;
            }
            var number = new BigInteger(value);
            var bits = "int32".equals(schema.getFormat()) ? 31 : 63;
            if (number.bitLength() > bits) {
                return false;
            }
            return (schema.getMinimum() == null || number.compareTo(schema.getMinimum().toBigInteger()) >= 0)
                    && (schema.getMaximum() == null || number.compareTo(schema.getMaximum().toBigInteger()) <= 0);
        }
        int length = value.codePointCount(0, value.length());
        if (schema.getMinLength() != null && length < schema.getMinLength()
                || schema.getMaxLength() != null && length > schema.getMaxLength()) {
            return false;
        }
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(value).find()) {
            return false;
        }
        if ("uuid".equals(schema.getFormat()) && !UUID.matcher(value).matches()) {
            return false;
        }
        return schema.getEnum() == null || schema.getEnum().contains(value);
    }

    // ---- JSON, with what no JSON library writes: a key twice, raw bytes ----

    private enum JsonNull { NULL }

    /** Bytes written into the JSON as they are. */
    private record RawJson(byte[] bytes) {
    }

    /** A JSON object as a list of entries, so that a key may be given twice. */
    private record JsonObject(List<Map.Entry<String, Object>> entries) {
    }

    /** A copy of the body with the object at this dotted path changed (objects are lists of entries: keys may repeat). */
    private static Object changed(Object json, String dotted,
            java.util.function.Consumer<List<Map.Entry<String, Object>>> change) {
        var copy = new ArrayList<>(((JsonObject) json).entries());
        if (dotted.isEmpty()) {
            change.accept(copy);
            return new JsonObject(copy);
        }
        var first = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
        var rest = dotted.contains(".") ? dotted.substring(dotted.indexOf('.') + 1) : "";
        copy.replaceAll(entry -> entry.getKey().equals(first) ? Map.entry(first, changed(entry.getValue(), rest, change))
                : entry);
        return new JsonObject(copy);
    }

    private static byte[] render(Object json) {
        var out = new ByteArrayOutputStream();
        write(json, out);
        return out.toByteArray();
    }

    private static void write(Object json, ByteArrayOutputStream out) {
        if (json instanceof RawJson raw) {
            out.writeBytes(raw.bytes());
        } else if (json == JsonNull.NULL) {
            out.writeBytes(bytes("null"));
        } else if (json instanceof String text) {
            out.writeBytes(bytes(quote(text)));
        } else if (json instanceof Number || json instanceof Boolean) {
            out.writeBytes(bytes(json.toString()));
        } else if (json instanceof JsonObject object) {
            out.write('{');
            boolean first = true;
            for (var entry : object.entries()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.writeBytes(bytes(quote(entry.getKey()) + ":"));
                write(entry.getValue(), out);
            }
            out.write('}');
        } else if (json instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(list.get(i), out);
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("not JSON: " + json);
        }
    }

    private static String quote(String text) {
        var quoted = new StringBuilder("\"");
        for (var c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encodes all but the unreserved characters (RFC 3986), as UTF-8. */
    static String encode(String value) {
        var encoded = new StringBuilder();
        for (var b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "...(" + text.length() + " chars)" : text;
    }
}
