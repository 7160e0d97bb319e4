package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.customer.customers.web.ProblemAssertions.assertProblem;
import static org.erlbank.customer.customers.web.SliceTokens.as;
import static org.erlbank.customer.customers.web.SliceTokens.withoutToken;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
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
import org.erlbank.testing.security.Forgery;
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
@WebMvcTest(controllers = CustomerController.class,
        properties = "erlbank.links.accounts=http://accounts.test/accounts?owner={customerId}")
@Import({ CustomerModelAssembler.class, CustomerLinks.class, CustomerAccess.class })
@EnableConfigurationProperties(CustomerLinkProperties.class)
class CustomerControllerTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID GRACE = UUID.fromString("c0000000-0000-4000-8000-000000000002");
    private static final String NAME = "{\"givenName\":\"Ada\",\"surname\":\"King\"}";
    private static final MediaType HAL_FORMS = MediaTypes.HAL_FORMS_JSON;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Customers customers;

    @Test
    void servesACustomerAsHalWithItsLinksAndETag() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 3));

        var result = mvc.get().uri("/customers/{id}", ADA).accept(MediaTypes.HAL_JSON).exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaTypes.HAL_JSON).hasHeader("ETag", "\"3\"");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.id").isEqualTo(ADA.toString());
        json.extractingPath("$.givenName").isEqualTo("Ada");
        json.extractingPath("$.surname").isEqualTo("Lovelace");
        json.extractingPath("$._links.self.href").isEqualTo("http://localhost/customers/" + ADA);
        json.extractingPath("$._links.accounts.href").isEqualTo("http://accounts.test/accounts?owner=" + ADA);
        json.doesNotHavePath("$._templates");
    }

    @Test
    void offersTheRenameAsHalFormsTemplate() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0));

        var result = mvc.get().uri("/customers/{id}", ADA).accept(HAL_FORMS).exchange();

        assertThat(result).hasStatusOk().hasContentType(HAL_FORMS);
        var json = assertThat(result).bodyJson();
        json.extractingPath("$._templates.changeCustomerName.method").isEqualTo("PUT");
        json.extractingPath("$._templates.changeCustomerName.properties[*].name")
                .asArray().containsExactly("givenName", "surname");
        json.extractingPath("$._templates.changeCustomerName.properties[*].type")
                .asArray().containsOnly("text");
        json.extractingPath("$._templates.changeCustomerName.properties[*].required")
                .asArray().containsOnly(true);
    }

    @Test
    void answersNotModifiedWhenTheClientHasTheCurrentVersion() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 3));

        assertThat(mvc.get().uri("/customers/{id}", ADA).header("If-None-Match", "\"3\""))
                .hasStatus(HttpStatus.NOT_MODIFIED);
        assertThat(mvc.get().uri("/customers/{id}", ADA).header("If-None-Match", "\"2\""))
                .hasStatusOk();
    }

    @Test
    void registersACustomerWithLocationAndETag() {
        given(customers.register(new PersonName("Ada", "Lovelace")))
                .willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0));

        var result = post("/customers", "{\"givenName\":\" Ada \",\"surname\":\"Lovelace\"}");

        assertThat(result).hasStatus(HttpStatus.CREATED)
                .hasHeader("Location", "http://localhost/customers/" + ADA)
                .hasHeader("ETag", "\"0\"");
        assertThat(result).bodyJson().extractingPath("$._links.self.href")
                .isEqualTo("http://localhost/customers/" + ADA);
        verify(customers).register(new PersonName("Ada", "Lovelace"));
    }

    @Test
    void rejectsBlankAndOverlongNamesFieldByField() {
        var result = post("/customers", "{\"givenName\":\"   \",\"surname\":\"" + "x".repeat(101) + "\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactly("givenName", "surname");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsAMissingName() {
        var result = post("/customers", "{\"givenName\":\"Ada\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("surname");
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("is required");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsMalformedJson() {
        assertProblem(post("/customers", "{\"givenName\": \"Ada\""), HttpStatus.BAD_REQUEST, "malformed-request");
        assertProblem(post("/customers", ""), HttpStatus.BAD_REQUEST, "malformed-request");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        var result = post("/customers", "{\"givenName\":{\"first\":\"Ada\"},\"surname\":\"Lovelace\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "malformed-request");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("givenName");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsUnknownFields() {
        var result = post("/customers", "{\"givenName\":\"Ada\",\"surname\":\"Lovelace\",\"title\":\"Countess\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("title");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsABodyBeyondTheLimit() {
        var huge = "{\"givenName\":\"" + "a".repeat(70_000) + "\",\"surname\":\"b\"}";

        assertProblem(post("/customers", huge), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
        verifyNoInteractions(customers);
    }

    @Test
    void rejectsAnUnsupportedContentType() {
        var result = mvc.post().uri("/customers").contentType(MediaType.TEXT_PLAIN).content("Ada Lovelace")
                .exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    @Test
    void rejectsAnUnacceptableMediaType() {
        var result = mvc.get().uri("/customers/{id}", ADA).accept(MediaType.TEXT_HTML).exchange();

        assertProblem(result, HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
    }

    @Test
    void rejectsAnUnsupportedMethod() {
        var result = mvc.delete().uri("/customers/{id}", ADA).exchange();

        assertProblem(result, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
        assertThat(result.getResponse().getHeader("Allow").split(",\\s*")).containsExactlyInAnyOrder("GET", "PUT");
    }

    @Test
    void answersNotFoundForAnUnknownCustomer() {
        given(customers.get(new CustomerId(ADA))).willThrow(CustomerFixtures.notFound(ADA));

        assertProblem(mvc.get().uri("/customers/{id}", ADA).exchange(), HttpStatus.NOT_FOUND, "customer-not-found");
    }

    @Test
    void rejectsAnIdThatIsNotAUuid() {
        var result = mvc.get().uri("/customers/{id}", "42 or 1=1 drop table customer").exchange();

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customerId");
        // A semicolon (a path parameter) is refused before anything reads the path, by Spring Security's firewall:
        // its problem is written by the container's error page, which a slice does not have (see
        // CustomerServiceApplicationTest.answersOddPathsWithProblems).
        assertThat(mvc.get().uri("/customers/{id}", "42; drop table customer").exchange())
                .hasStatus(HttpStatus.BAD_REQUEST);
        verifyNoInteractions(customers);
    }

    @Test
    void requiresIfMatchToRename() {
        var result = put(ADA, null, "{\"givenName\":\"Ada\",\"surname\":\"King\"}");

        assertProblem(result, HttpStatus.PRECONDITION_REQUIRED, "precondition-required");
        verifyNoInteractions(customers);
    }

    @Test
    void renamesWhenIfMatchNamesTheCurrentVersion() {
        currentVersionIs(3);

        var result = put(ADA, "\"3\"", "{\"givenName\":\"Ada\",\"surname\":\"King\"}");

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"4\"");
        assertThat(result).bodyJson().extractingPath("$.surname").isEqualTo("King");
    }

    @Test
    void refusesToRenameWithAStaleETag() {
        currentVersionIs(3);

        assertProblem(put(ADA, "\"2\"", "{\"givenName\":\"Ada\",\"surname\":\"King\"}"),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        assertProblem(put(ADA, "W/\"3\"", "{\"givenName\":\"Ada\",\"surname\":\"King\"}"),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");
    }

    @Test
    void validatesTheNewNameBeforeTouchingTheCustomer() {
        var result = put(ADA, "\"3\"", "{\"givenName\":\"Ada\",\"surname\":\"\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        verifyNoInteractions(customers);
    }

    @Test
    void pagesWithFirstPrevNextAndLastLinks() {
        var content = List.of(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0),
                CustomerFixtures.stored(UUID.randomUUID(), "Augusta", "Lovell", 0));
        given(customers.list(Optional.of("Lov"), 1, 2))
                .willReturn(new PageImpl<>(content, PageRequest.of(1, 2), 7));

        var result = mvc.get().uri("/customers?surname=Lov&page=1&size=2").accept(HAL_FORMS).exchange();

        assertThat(result).hasStatusOk();
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.page.totalElements").isEqualTo(7);
        json.extractingPath("$.page.totalPages").isEqualTo(4);
        json.extractingPath("$.page.number").isEqualTo(1);
        json.extractingPath("$._embedded.customers[*].surname").asArray().containsExactly("Lovelace", "Lovell");
        var base = "http://localhost/customers?surname=Lov&";
        json.extractingPath("$._links.self.href").isEqualTo(base + "page=1&size=2");
        json.extractingPath("$._links.first.href").isEqualTo(base + "page=0&size=2");
        json.extractingPath("$._links.prev.href").isEqualTo(base + "page=0&size=2");
        json.extractingPath("$._links.next.href").isEqualTo(base + "page=2&size=2");
        json.extractingPath("$._links.last.href").isEqualTo(base + "page=3&size=2");
        json.extractingPath("$._links.search.href").isEqualTo("http://localhost/customers{?surname,page,size}");
        json.extractingPath("$._templates.registerCustomer.method").isEqualTo("POST");
    }

    @Test
    void leavesOutPageLinksThatLeadNowhere() {
        given(customers.list(Optional.empty(), 0, 20)).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

        var json = assertThat(mvc.get().uri("/customers").exchange()).bodyJson();

        json.extractingPath("$.page.totalElements").isEqualTo(0);
        json.doesNotHavePath("$._links.first");
        json.doesNotHavePath("$._links.prev");
        json.doesNotHavePath("$._links.next");
        json.doesNotHavePath("$._links.last");
        json.extractingPath("$._links.self.href").isEqualTo("http://localhost/customers?page=0&size=20");
    }

    @Test
    void boundsThePageSize() {
        var result = mvc.get().uri("/customers?size=101").exchange();

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
        assertProblem(mvc.get().uri("/customers?size=0").exchange(), HttpStatus.BAD_REQUEST, "validation-failed");
        assertProblem(mvc.get().uri("/customers?page=-1").exchange(), HttpStatus.BAD_REQUEST, "validation-failed");
        verifyNoInteractions(customers);
    }

    // Who may do what (CustomerAccess): the teller's token is every other test's.

    @Test
    void asksForATokenWithoutOneAndRefusesABadOne() {
        var none = mvc.get().uri("/customers/{id}", ADA).with(withoutToken()).exchange();
        assertProblem(none, HttpStatus.UNAUTHORIZED, "unauthorized");
        assertThat(none).hasHeader("WWW-Authenticate", "Bearer");

        for (var forgery : new Forgery[] { Forgery.EXPIRED, Forgery.WRONG_AUDIENCE, Forgery.ALG_NONE }) {
            var forged = mvc.get().uri("/customers/{id}", ADA).with(as(SliceTokens.ISSUER.forge(forgery))).exchange();
            assertProblem(forged, HttpStatus.UNAUTHORIZED, "unauthorized");
            assertThat(forged).hasHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        var garbage = mvc.post().uri("/customers").with(as("not-a-jwt")).contentType(MediaType.APPLICATION_JSON)
                .content(NAME).exchange();
        assertProblem(garbage, HttpStatus.UNAUTHORIZED, "unauthorized");
        verifyNoInteractions(customers);
    }

    @Test
    void aCustomerReadsHerselfAndIsOfferedHerRename() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 3));

        var result = mvc.get().uri("/customers/{id}", ADA).with(as(SliceTokens.customer(ADA))).accept(HAL_FORMS)
                .exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"3\"");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$._templates.changeCustomerName.method").isEqualTo("PUT");
        json.extractingPath("$._links.accounts.href").isEqualTo("http://accounts.test/accounts?owner=" + ADA);
    }

    /** No enumeration: the same status, type, title and detail, whether Grace exists or not. */
    @Test
    void anotherCustomerIsNotFoundExactlyAsOneWhoDoesNotExist() throws Exception {
        given(customers.get(new CustomerId(GRACE))).willReturn(CustomerFixtures.stored(GRACE, "Grace", "Hopper", 0));
        var hers = mvc.get().uri("/customers/{id}", GRACE).with(as(SliceTokens.customer(ADA))).exchange();

        given(customers.get(new CustomerId(GRACE))).willThrow(CustomerFixtures.notFound(GRACE));
        var missing = mvc.get().uri("/customers/{id}", GRACE).exchange();

        assertProblem(hers, HttpStatus.NOT_FOUND, "customer-not-found");
        assertThat(hers.getResponse().getContentAsString()).isEqualTo(missing.getResponse().getContentAsString());
        assertThat(hers.getResponse().getHeaderNames()).containsExactlyInAnyOrderElementsOf(
                missing.getResponse().getHeaderNames());
    }

    @Test
    void aCustomerRenamesHerselfAndNobodyElse() {
        currentVersionIs(3);

        assertThat(put(ADA, "\"3\"", NAME, SliceTokens.customer(ADA))).hasStatusOk();

        var ada = SliceTokens.customer(ADA);
        assertProblem(put(GRACE, "\"3\"", NAME, ada), HttpStatus.NOT_FOUND, "customer-not-found");
        // As for a customer who does not exist: If-Match is asked for first.
        assertProblem(put(GRACE, null, NAME, ada), HttpStatus.PRECONDITION_REQUIRED, "precondition-required");
        verify(customers, never()).rename(eq(new CustomerId(GRACE)), any(), any());
    }

    @Test
    void aCustomerListsHerselfOnlyWithTheSameSearchAndIsNotOfferedToRegister() {
        given(customers.list(new CustomerId(ADA), Optional.of("Lov"), 0, 20)).willReturn(new PageImpl<>(
                List.of(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0)), PageRequest.of(0, 20), 1));

        var result = mvc.get().uri("/customers?surname=Lov").with(as(SliceTokens.customer(ADA))).accept(HAL_FORMS)
                .exchange();

        assertThat(result).hasStatusOk();
        var json = assertThat(result).bodyJson();
        json.extractingPath("$._embedded.customers[*].id").asArray().containsExactly(ADA.toString());
        json.extractingPath("$.page.totalElements").isEqualTo(1);
        json.extractingPath("$._embedded.customers[0]._templates.changeCustomerName.method").isEqualTo("PUT");
        json.doesNotHavePath("$._templates");
        verify(customers, never()).list(any(Optional.class), any(Integer.class), any(Integer.class));
    }

    @Test
    void aCustomerMayNotRegisterCustomers() {
        var result = mvc.post().uri("/customers").with(as(SliceTokens.customer(ADA)))
                .contentType(MediaType.APPLICATION_JSON).content(NAME).exchange();

        assertProblem(result, HttpStatus.FORBIDDEN, "forbidden");
        verifyNoInteractions(customers);
    }

    @Test
    void aServiceReadsCustomersWithItsScopeAndIsOfferedNothingElse() {
        given(customers.get(new CustomerId(ADA))).willReturn(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0));
        given(customers.list(Optional.empty(), 0, 20)).willReturn(new PageImpl<>(
                List.of(CustomerFixtures.stored(ADA, "Ada", "Lovelace", 0)), PageRequest.of(0, 20), 1));
        var reader = SliceTokens.service(CustomerAccess.READ_SCOPE);

        var one = mvc.get().uri("/customers/{id}", ADA).with(as(reader)).accept(HAL_FORMS).exchange();
        assertThat(one).hasStatusOk();
        assertThat(one).bodyJson().doesNotHavePath("$._templates");
        // account-service refuses a service's token: the link would lead nowhere.
        assertThat(one).bodyJson().doesNotHavePath("$._links.accounts");
        assertThat(one).bodyJson().extractingPath("$._links.self.href").isEqualTo("http://localhost/customers/" + ADA);

        var page = mvc.get().uri("/customers").with(as(reader)).accept(HAL_FORMS).exchange();
        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$.page.totalElements").isEqualTo(1);
        assertThat(page).bodyJson().doesNotHavePath("$._templates");
        assertThat(page).bodyJson().doesNotHavePath("$._embedded.customers[0]._templates");
    }

    @Test
    void aServiceChangesNothingAndReadsNothingWithoutItsScope() {
        var reader = SliceTokens.service(CustomerAccess.READ_SCOPE);
        var feedOnly = SliceTokens.service(CustomerAccess.FEED_SCOPE);

        assertProblem(mvc.post().uri("/customers").with(as(reader)).contentType(MediaType.APPLICATION_JSON)
                .content(NAME).exchange(), HttpStatus.FORBIDDEN, "forbidden");
        assertProblem(put(ADA, "\"0\"", NAME, reader), HttpStatus.FORBIDDEN, "forbidden");
        // Refused before anything else is said about the request.
        assertProblem(put(ADA, null, NAME, reader), HttpStatus.FORBIDDEN, "forbidden");
        assertProblem(mvc.get().uri("/customers/{id}", ADA).with(as(feedOnly)).exchange(), HttpStatus.FORBIDDEN,
                "forbidden");
        assertProblem(mvc.get().uri("/customers").with(as(feedOnly)).exchange(), HttpStatus.FORBIDDEN, "forbidden");
        verifyNoInteractions(customers);
    }

    private void currentVersionIs(long current) {
        given(customers.rename(eq(new CustomerId(ADA)), any(), any())).willAnswer(invocation -> {
            LongPredicate expected = invocation.getArgument(1);
            PersonName name = invocation.getArgument(2);
            if (!expected.test(current)) {
                throw CustomerFixtures.stale(ADA, current);
            }
            return CustomerFixtures.stored(ADA, name.givenName(), name.surname(), current + 1);
        });
    }

    private MvcTestResult post(String uri, String json) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult put(UUID id, String ifMatch, String json) {
        var request = mvc.put().uri("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.exchange();
    }

    private MvcTestResult put(UUID id, String ifMatch, String json, String token) {
        var request = mvc.put().uri("/customers/{id}", id).with(as(token)).contentType(MediaType.APPLICATION_JSON)
                .content(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.exchange();
    }
}
