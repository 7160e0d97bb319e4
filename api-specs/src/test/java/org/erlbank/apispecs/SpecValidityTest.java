package org.erlbank.apispecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec in {@code api-specs/} is a valid OpenAPI 3 document, named after its API and major version.
 * A new spec is checked without anyone having to list it.
 */
class SpecValidityTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$ref:\\s*'(#/[^']*)'");

    private static final Pattern FILE_NAME = Pattern.compile("([a-z]+(?:-[a-z]+)*)-api-v(\\d+)\\.yaml");

    @TestFactory
    Stream<DynamicTest> everySpecIsAValidOpenApi3Document() throws IOException {
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            var result = parse(spec);

            assertThat(result.getMessages()).as("problems in %s", spec).isEmpty();
            assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySpecIsNamedAfterItsApiAndMajorVersion() throws IOException {
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            var name = FILE_NAME.matcher(spec.getFileName().toString());
            assertThat(name.matches()).as("%s is named <api>-api-v<major>.yaml", spec).isTrue();

            var version = parse(spec).getOpenAPI().getInfo().getVersion();
            assertThat(version).as("info.version of %s", spec).startsWith(name.group(2) + ".");
        }));
    }

    /**
     * swagger-parser does not report every reference that leads nowhere (a missing response, say: the customer API
     * v1 had one for a while): every {@code $ref} inside a spec must name something the spec defines.
     */
    @TestFactory
    Stream<DynamicTest> everyReferenceInASpecLeadsSomewhere() throws IOException {
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(),
                () -> assertThat(danglingReferences(spec)).as("references in %s", spec).isEmpty()));
    }

    @Test
    void aReferenceThatLeadsNowhereIsFound() throws IOException {
        assertThat(danglingReferences(Path.of("src/test/resources/invalid/broken-api-v1.yaml")))
                .containsExactly("#/components/schemas/Missing", "#/components/responses/Nowhere");
    }

    /**
     * Spring HATEOAS renders every HAL-FORMS template alike, so every spec describes them alike: each spec whose
     * resources carry {@code _templates} defines the same HAL-FORMS schemas, and its {@code _templates} use them.
     * (One shared file referenced from each spec would say it once, but the specs are served one file at a time, to
     * Swagger UI through the gateway among others, and openapi-diff reads a spec from its text alone.)
     */
    @Test
    void everySpecWithTemplatesDescribesThemAlike() throws IOException {
        var withTemplates = new java.util.ArrayList<Path>();
        for (var spec : specs()) {
            var schemas = new YAMLMapper().readTree(spec.toFile()).path("components").path("schemas");
            if (schemas.path("HalResource").path("properties").has("_templates")) {
                withTemplates.add(spec);
                assertThat(schemas.at("/HalResource/properties/_templates/additionalProperties/$ref").asText())
                        .as("_templates in %s", spec).isEqualTo("#/components/schemas/HalFormsTemplate");
            }
        }
        assertThat(withTemplates).hasSizeGreaterThanOrEqualTo(3);

        var first = halFormsSchemas(withTemplates.get(0));
        assertThat(first.size()).isEqualTo(HAL_FORMS_SCHEMAS.size());
        assertThat(withTemplates).allSatisfy(spec -> assertThat(halFormsSchemas(spec))
                .as("the HAL-FORMS schemas of %s, as in %s", spec, withTemplates.get(0)).isEqualTo(first));
    }

    /**
     * The specs name auth-server at its default address, and each service serves them with the flows moved to the
     * issuer it really trusts (http-support's {@code SpecsNameTheIssuer}, which rewrites a line
     * {@code authorizationUrl|tokenUrl|refreshUrl: http://localhost:9000/...}). Every flow URL is written so, or
     * Swagger UI's Authorize would be sent to the default address on any other set-up.
     */
    @TestFactory
    Stream<DynamicTest> everyOAuthFlowNamesAuthServerWhereTheServiceCanMoveIt() throws IOException {
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            var text = Files.readString(spec);
            var schemes = parse(spec).getOpenAPI().getComponents().getSecuritySchemes();
            var urls = schemes.values().stream().filter(scheme -> scheme.getFlows() != null)
                    .flatMap(scheme -> Stream.of(scheme.getFlows().getAuthorizationCode(),
                            scheme.getFlows().getClientCredentials(), scheme.getFlows().getImplicit(),
                            scheme.getFlows().getPassword()))
                    .filter(java.util.Objects::nonNull)
                    .flatMap(flow -> Stream.of(flow.getAuthorizationUrl(), flow.getTokenUrl(), flow.getRefreshUrl()))
                    .filter(java.util.Objects::nonNull).toList();

            assertThat(urls).as("the OAuth2 flows of %s", spec).isNotEmpty().allSatisfy(url -> {
                assertThat(url).startsWith("http://localhost:9000/oauth2/");
                assertThat(text).containsPattern("(?m)^\\s*(authorizationUrl|tokenUrl|refreshUrl):\\s*"
                        + Pattern.quote(url) + "\\s*$");
            });
        }));
    }

    @Test
    void thereIsAtLeastTheCustomerApi() throws IOException {
        assertThat(specs()).extracting(spec -> spec.getFileName().toString()).contains("customer-api-v1.yaml");
    }

    @Test
    void aBrokenSpecIsReported() {
        var result = parse(Path.of("src/test/resources/invalid/broken-api-v1.yaml"));

        assertThat(result.getMessages()).anySatisfy(message -> assertThat(message).contains("responses"));
        assertThat(result.getMessages()).anySatisfy(message -> assertThat(message).contains("Missing"));
    }

    private static List<String> danglingReferences(Path spec) throws IOException {
        var tree = new YAMLMapper().readTree(spec.toFile());
        var references = REFERENCE.matcher(Files.readString(spec)).results().map(match -> match.group(1)).distinct();
        return references.filter(reference -> tree.at(reference.substring(1)).isMissingNode()).toList();
    }

    private static final List<String> HAL_FORMS_SCHEMAS = List.of("HalFormsTemplate", "HalFormsProperty",
            "HalFormsOptions");

    private static ObjectNode halFormsSchemas(Path spec) {
        try {
            var schemas = new YAMLMapper().readTree(spec.toFile()).path("components").path("schemas");
            var found = new YAMLMapper().createObjectNode();
            HAL_FORMS_SCHEMAS.stream().filter(schemas::has).forEach(name -> found.set(name, schemas.get(name)));
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> specs() throws IOException {
        try (var files = Files.list(Path.of("."))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static SwaggerParseResult parse(Path spec) {
        var options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIParser().readLocation(spec.toAbsolutePath().toUri().toString(), null, options);
    }
}
