package org.erlbank.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.format.AbstractFormatAttribute;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds messages against an OpenAPI file by the rules of PactFlow's bi-directional contract testing, which are
 * stricter than swagger-request-validator's own:
 * <ul>
 * <li>a body may hold only the properties its schema declares: every object schema that does not say otherwise
 * ({@code additionalProperties}) is closed, also one that declares no properties at all (the validator on its own
 * closes only those that list some, so a bare {@code type: object} let anything through);</li>
 * <li>values, headers included, must match their formats: {@code uri} is an absolute URI, as JSON Schema means it
 * (the validator accepts any reference), and {@code uri-reference} is any URI reference, relative ones too.</li>
 * </ul>
 * HAL resources are {@code allOf: [HalResource, {...}]}: the combinators are resolved into one schema before the
 * objects are closed, so that neither part counts the other's properties as undeclared.
 */
public final class BidirectionalRules {

    private static final List<String> OPEN_UNLESS_SAID = List.of("properties", "additionalProperties", "allOf",
            "oneOf", "anyOf", "not", "$ref");

    private BidirectionalRules() {
    }

    /** A validator builder for the spec under these rules; add levels or build it. */
    public static OpenApiInteractionValidator.Builder validatorFor(Path spec) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(closeObjects(Files.readString(spec)))
                    .withResolveCombinators(true)
                    .withSchemaFactorySupplier(BidirectionalRules::schemaFactory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec with every object schema that declares no {@code additionalProperties} closed. */
    static String closeObjects(String spec) {
        try {
            var tree = Yaml.mapper().readTree(spec);
            close(tree);
            // As JSON, which is YAML too: written as YAML, a string such as 'true' could come back as a boolean.
            return Json.mapper().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a YAML document", e);
        }
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object && "object".equals(object.path("type").asText())
                && OPEN_UNLESS_SAID.stream().noneMatch(object::has)) {
            object.put("additionalProperties", false);
        }
        node.forEach(BidirectionalRules::close);
    }

    /** swagger-request-validator's schema factory, with JSON Schema's meaning of {@code uri} and {@code uri-reference}. */
    static JsonSchemaFactory schemaFactory() {
        var library = SwaggerV20Library.get().thaw()
                .addFormatAttribute("uri", new UriFormat("uri", true))
                .addFormatAttribute("uri-reference", new UriFormat("uri-reference", false))
                .freeze();
        return JsonSchemaFactory.newBuilder()
                .setValidationConfiguration(ValidationConfiguration.newBuilder()
                        .setDefaultLibrary(SwaggerV20Library.OAI_V2_METASCHEMA_URI, library)
                        .setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
                        .setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
                        .freeze())
                .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
                .freeze();
    }

    /** A URI (absolute: RFC 3986 section 4.3) or a URI reference (relative ones too: section 4.1). */
    private static final class UriFormat extends AbstractFormatAttribute {

        private final boolean absolute;

        UriFormat(String name, boolean absolute) {
            super(name, NodeType.STRING);
            this.absolute = absolute;
        }

        @Override
        public void validate(ProcessingReport report, MessageBundle bundle, FullData data)
                throws com.github.fge.jsonschema.core.exceptions.ProcessingException {
            var value = data.getInstance().getNode().textValue();
            if (!matches(value)) {
                report.error(newMsg(data, bundle, "err.format.invalidURI").putArgument("value", value)
                        .setMessage("string \"%s\" is not a valid %s".formatted(value, absolute ? "absolute URI"
                                : "URI reference")));
            }
        }

        private boolean matches(String value) {
            try {
                return new URI(value).isAbsolute() || !absolute;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
