package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.customer.customers.web.ProblemAssertions.assertProblem;
import static org.erlbank.customer.customers.web.SliceTokens.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.erlbank.customer.customers.CustomerFixtures;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.Customers;
import org.erlbank.customer.customers.PersonName;
import org.erlbank.customer.customers.PostalAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SecuredSlice
@WebMvcTest(controllers = { CustomerV2Controller.class, CustomerController.class },
        properties = { "erlbank.links.accounts=http://accounts.test/accounts?owner={customerId}",
                "erlbank.api.customer.v1.deprecated-at=2026-11-26T00:00:00Z",
                "erlbank.api.customer.v1.sunset-at=2027-11-30T00:00:00Z" })
@Import({ CustomerV2ModelAssembler.class, CustomerV2Links.class, CustomerModelAssembler.class, CustomerLinks.class,
        CustomerApiConfiguration.class })
@EnableConfigurationProperties({ CustomerLinkProperties.class, CustomerApiProperties.class })
class CustomerV2ControllerTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID GRACE = UUID.fromString("c0000000-0000-4000-8000-000000000002");
    private static final PersonName NAME = new PersonName("Ada", "Lovelace");
    private static final PostalAddress ADDRESS = new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB");
    private static final String DETAILS = """
            {"name":{"givenName":"%s","familyName":"%s"},
             "postalAddress":{"street":"12 St James's Square","postalCode":"%s","city":"London","country":"%s"}}""";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Customers customers;

    @Test
    void servesACustomerWithStructuredNameAddressAndTheLinkBackToV1() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 3));

        var result = mvc.get().uri("/v2/customers/{id}", ADA).accept(MediaTypes.HAL_JSON).exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaTypes.HAL_JSON).hasHeader("ETag", "\"3\"")
                .doesNotContainHeader("Deprecation").doesNotContainHeader("Sunset");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.id").isEqualTo(ADA.toString());
        json.extractingPath("$.name.givenName").isEqualTo("Ada");
        json.extractingPath("$.name.familyName").isEqualTo("Lovelace");
        json.doesNotHavePath("$.givenName");
        json.doesNotHavePath("$.surname");
        json.extractingPath("$.postalAddress.street").isEqualTo("12 St James's Square");
        json.extractingPath("$.postalAddress.postalCode").isEqualTo("SW1Y 4JH");
        json.extractingPath("$.postalAddress.city").isEqualTo("London");
        json.extractingPath("$.postalAddress.country").isEqualTo("GB");
        json.extractingPath("$._links.self.href").isEqualTo("http://localhost/v2/customers/" + ADA);
        json.extractingPath("$._links.predecessor-version.href").isEqualTo("http://localhost/customers/" + ADA);
        json.extractingPath("$._links.accounts.href").isEqualTo("http://accounts.test/accounts?owner=" + ADA);
    }

    @Test
    void leavesOutTheAddressOfACustomerWhoHasNone() {
        given(customers.get(new CustomerId(ADA)))
                .willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0));

        var json = assertThat(mvc.get().uri("/v2/customers/{id}", ADA).exchange()).bodyJson();

        json.extractingPath("$.name.familyName").isEqualTo("Lovelace");
        json.doesNotHavePath("$.postalAddress");
    }

    @Test
    void v1AndV2LinkEachOther() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 3));

        var v1 = mvc.get().uri("/customers/{id}", ADA).exchange();

        assertThat(v1).bodyJson().extractingPath("$._links.successor-version.href")
                .isEqualTo("http://localhost/v2/customers/" + ADA);
        assertThat(v1).bodyJson().doesNotHavePath("$.postalAddress");
        assertThat(v1).hasHeader("Deprecation", "@1795651200")
                .hasHeader("Sunset", "Tue, 30 Nov 2027 00:00:00 GMT");
        assertThat(v1.getResponse().getHeaders("Link")).contains(
                "<http://localhost/v2/customers/" + ADA + ">;rel=\"successor-version\"",
                "<http://localhost/docs/customer-api-v1-deprecation.html>;rel=\"deprecation\";type=\"text/html\"");
    }

    @Test
    void theSuccessorOfAV1SearchIsTheSameSearchInV2() {
        given(customers.list(Optional.of("Love"), 1, 5)).willReturn(new PageImpl<>(List.of(), PageRequest.of(1, 5), 6));

        var v1 = mvc.get().uri("/customers?surname=Love&page=1&size=5").exchange();

        assertThat(v1.getResponse().getHeaders("Link"))
                .contains("<http://localhost/v2/customers?familyName=Love&page=1&size=5>;rel=\"successor-version\"");
    }

    @Test
    void offersChangingTheCustomerAsHalFormsTemplate() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 0));

        var result = mvc.get().uri("/v2/customers/{id}", ADA).accept(MediaTypes.HAL_FORMS_JSON).exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaTypes.HAL_FORMS_JSON);
        var json = assertThat(result).bodyJson();
        json.extractingPath("$._templates.changeCustomer.method").isEqualTo("PUT");
        json.extractingPath("$._templates.changeCustomer.properties[*].name")
                .asArray().contains("name", "postalAddress");
    }

    @Test
    void registersACustomerWithNameAndAddress() {
        given(customers.register(NAME, ADDRESS)).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 0));

        var result = post(DETAILS.formatted(" Ada", "Lovelace ", "SW1Y 4JH", "GB"));

        assertThat(result).hasStatus(HttpStatus.CREATED)
                .hasHeader("Location", "http://localhost/v2/customers/" + ADA)
                .hasHeader("ETag", "\"0\"");
        assertThat(result).bodyJson().extractingPath("$.postalAddress.city").isEqualTo("London");
        verify(customers).register(NAME, ADDRESS);
    }

    @Test
    void requiresTheAddressToRegister() {
        var result = post("{\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("postalAddress");
        verifyNoInteractions(customers);
    }

    @Test
    void refusesTheV1ShapeOfAName() {
        var result = post("{\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactly("givenName");
        verifyNoInteractions(customers);
    }

    @Test
    void namesTheBrokenFieldsByTheirPathInTheBody() {
        var result = post(DETAILS.formatted("Ada", " ", "SW1Y_4JH", "gb"));

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name.familyName", "postalAddress.postalCode", "postalAddress.country");
        verifyNoInteractions(customers);
    }

    /** Rules only the domain checks (a no-break space is white space; XX is no country) are named the same way. */
    @Test
    void namesFieldsTheDomainRefusesByTheirPathInTheBodyToo() {
        assertThat(post(DETAILS.formatted("Ada", "\u00a0", "SW1Y 4JH", "GB"))).bodyJson()
                .extractingPath("$.errors[*].field").asArray().containsExactly("name.familyName");
        assertThat(post(DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "XX"))).bodyJson()
                .extractingPath("$.errors[*].field").asArray().containsExactly("postalAddress.country");
        verifyNoInteractions(customers);
    }

    @Test
    void changesNameAndAddressWhenIfMatchNamesTheCurrentVersion() {
        given(customers.change(eq(new CustomerId(ADA)), any(), eq(NAME), eq(ADDRESS))).willAnswer(invocation -> {
            LongPredicate expected = invocation.getArgument(1);
            if (!expected.test(4)) {
                throw CustomerFixtures.stale(ADA, 4);
            }
            return CustomerFixtures.stored(ADA, NAME, ADDRESS, 5);
        });

        assertThat(put("\"4\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB")))
                .hasStatusOk().hasHeader("ETag", "\"5\"");
        assertProblem(put("\"3\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB")),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        assertProblem(put(null, DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB")),
                HttpStatus.PRECONDITION_REQUIRED, "precondition-required");
    }

    @Test
    void answersNotFoundForAnUnknownCustomer() {
        given(customers.get(new CustomerId(ADA))).willThrow(CustomerFixtures.notFound(ADA));

        assertProblem(mvc.get().uri("/v2/customers/{id}", ADA).exchange(), HttpStatus.NOT_FOUND, "customer-not-found");
    }

    @Test
    void searchesByFamilyNameAndPagesWithV2Links() {
        given(customers.list(Optional.of("Lo"), 0, 1)).willReturn(new PageImpl<>(
                List.of(CustomerFixtures.stored(ADA, NAME, ADDRESS, 0)), PageRequest.of(0, 1), 2));

        var json = assertThat(mvc.get().uri("/v2/customers?familyName=Lo&size=1").exchange()).bodyJson();

        json.extractingPath("$._embedded.customers[0].name.familyName").isEqualTo("Lovelace");
        json.extractingPath("$._links.next.href").isEqualTo("http://localhost/v2/customers?familyName=Lo&page=1&size=1");
        json.extractingPath("$._links.search.href").isEqualTo("http://localhost/v2/customers{?familyName,page,size}");
        json.extractingPath("$.page.totalElements").isEqualTo(2);
    }

    // Who may do what (CustomerAccess), as in v1: the teller's token is every other test's.

    @Test
    void aCustomerReadsAndChangesHerselfAndIsOfferedTheChange() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 4));
        given(customers.change(eq(new CustomerId(ADA)), any(), eq(NAME), eq(ADDRESS)))
                .willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 5));
        var ada = SliceTokens.customer(ADA);

        var read = mvc.get().uri("/v2/customers/{id}", ADA).with(as(ada)).accept(MediaTypes.HAL_FORMS_JSON).exchange();

        assertThat(read).hasStatusOk();
        assertThat(read).bodyJson().extractingPath("$._templates.changeCustomer.method").isEqualTo("PUT");
        assertThat(put(ADA, "\"4\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB"), ada)).hasStatusOk()
                .hasHeader("ETag", "\"5\"");
    }

    @Test
    void anotherCustomerIsNotFoundExactlyAsOneWhoDoesNotExist() throws Exception {
        given(customers.get(new CustomerId(GRACE))).willReturn(CustomerFixtures.stored(GRACE, NAME, ADDRESS, 0));
        var ada = SliceTokens.customer(ADA);
        var hers = mvc.get().uri("/v2/customers/{id}", GRACE).with(as(ada)).exchange();
        var herChange = put(GRACE, "\"0\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB"), ada);
        // A body the domain refuses is refused before the customer is looked up, for a missing one and hers alike.
        var herInvalidChange = put(GRACE, "\"0\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "XX"), ada);

        given(customers.get(new CustomerId(GRACE))).willThrow(CustomerFixtures.notFound(GRACE));
        given(customers.change(eq(new CustomerId(GRACE)), any(), any(), any()))
                .willThrow(CustomerFixtures.notFound(GRACE));
        var missing = mvc.get().uri("/v2/customers/{id}", GRACE).exchange();
        var missingChange = put("\"0\"", GRACE, DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB"));
        var missingInvalidChange = put("\"0\"", GRACE, DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "XX"));

        assertProblem(hers, HttpStatus.NOT_FOUND, "customer-not-found");
        assertThat(hers.getResponse().getContentAsString()).isEqualTo(missing.getResponse().getContentAsString());
        assertProblem(herChange, HttpStatus.NOT_FOUND, "customer-not-found");
        assertThat(herChange.getResponse().getContentAsString())
                .isEqualTo(missingChange.getResponse().getContentAsString());
        assertProblem(herInvalidChange, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(herInvalidChange.getResponse().getContentAsString())
                .isEqualTo(missingInvalidChange.getResponse().getContentAsString());
        // Only the teller's change reached the customers; Ada's were refused before.
        verify(customers, times(1)).change(eq(new CustomerId(GRACE)), any(), eq(NAME), eq(ADDRESS));
    }

    @Test
    void aCustomerListsHerselfOnlyAndMayNotRegister() {
        given(customers.list(new CustomerId(ADA), Optional.of("Lo"), 0, 1)).willReturn(new PageImpl<>(
                List.of(CustomerFixtures.stored(ADA, NAME, ADDRESS, 0)), PageRequest.of(0, 1), 1));
        var ada = SliceTokens.customer(ADA);

        var page = mvc.get().uri("/v2/customers?familyName=Lo&size=1").with(as(ada)).accept(MediaTypes.HAL_FORMS_JSON)
                .exchange();

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$._embedded.customers[*].id").asArray()
                .containsExactly(ADA.toString());
        assertThat(page).bodyJson().doesNotHavePath("$._templates");
        assertThat(page).bodyJson().doesNotHavePath("$._links.next");
        assertProblem(mvc.post().uri("/v2/customers").with(as(ada)).contentType(MediaType.APPLICATION_JSON)
                .content(DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB")).exchange(), HttpStatus.FORBIDDEN,
                "forbidden");
        verify(customers, never()).list(any(Optional.class), any(Integer.class), any(Integer.class));
        verify(customers, never()).register(any(), any());
    }

    @Test
    void aServiceReadsWithItsScopeAndIsOfferedNoChange() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, NAME, ADDRESS, 0));
        var reader = SliceTokens.service(CustomerAccess.READ_SCOPE);

        var read = mvc.get().uri("/v2/customers/{id}", ADA).with(as(reader)).accept(MediaTypes.HAL_FORMS_JSON)
                .exchange();

        assertThat(read).hasStatusOk();
        assertThat(read).bodyJson().doesNotHavePath("$._templates");
        assertThat(read).bodyJson().doesNotHavePath("$._links.accounts");
        assertThat(read).bodyJson().extractingPath("$._links.predecessor-version.href")
                .isEqualTo("http://localhost/customers/" + ADA);
        assertProblem(put(ADA, "\"0\"", DETAILS.formatted("Ada", "Lovelace", "SW1Y 4JH", "GB"), reader),
                HttpStatus.FORBIDDEN, "forbidden");
        assertProblem(mvc.get().uri("/v2/customers/{id}", ADA).with(as(SliceTokens.service())).exchange(),
                HttpStatus.FORBIDDEN, "forbidden");
        verify(customers, never()).change(any(), any(), any(), any());
    }

    private MvcTestResult post(String json) {
        return mvc.post().uri("/v2/customers").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult put(String ifMatch, String json) {
        return put(ifMatch, ADA, json);
    }

    private MvcTestResult put(String ifMatch, UUID id, String json) {
        var request = mvc.put().uri("/v2/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.exchange();
    }

    private MvcTestResult put(UUID id, String ifMatch, String json, String token) {
        return mvc.put().uri("/v2/customers/{id}", id).with(as(token)).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", ifMatch).content(json).exchange();
    }
}
