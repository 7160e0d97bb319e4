package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.customer.customers.web.ProblemAssertions.assertProblem;
import static org.mockito.BDDMockito.given;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.erlbank.customer.customers.CustomerFeed;
import org.erlbank.customer.customers.CustomerFixtures;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.Customers;
import org.erlbank.customer.customers.PersonName;
import org.erlbank.customer.customers.PostalAddress;
import java.io.UnsupportedEncodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

/**
 * A client that asks for plain {@code application/json} (curl, many HTTP tools) gets the same HAL document as one that
 * asks for {@code application/hal+json}, labelled {@code application/json}, from every resource of the customer
 * APIs and the feed; problems stay {@code application/problem+json}.
 */
@SecuredSlice
@WebMvcTest(controllers = { CustomerV2Controller.class, CustomerController.class, CustomerFeedController.class },
        properties = { "erlbank.links.accounts=http://accounts.test/accounts?owner={customerId}",
                "erlbank.api.customer.v1.deprecated-at=2026-11-26T00:00:00Z",
                "erlbank.api.customer.v1.sunset-at=2027-11-30T00:00:00Z" })
@Import({ CustomerV2ModelAssembler.class, CustomerV2Links.class, CustomerModelAssembler.class, CustomerLinks.class,
        CustomerApiConfiguration.class })
@EnableConfigurationProperties({ CustomerLinkProperties.class, CustomerApiProperties.class })
class PlainJsonTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Customers customers;

    @MockitoBean
    CustomerFeed feed;

    @ParameterizedTest
    @ValueSource(strings = { "/customers/c0000000-0000-4000-8000-000000000001", "/customers",
            "/v2/customers/c0000000-0000-4000-8000-000000000001", "/v2/customers", "/customer-feed",
            "/customer-feed/pages/0" })
    void answersPlainJsonWithTheSameHal(String path) throws UnsupportedEncodingException {
        var customer = CustomerFixtures.stored(ADA, new PersonName("Ada", "Lovelace"),
                new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"), 3);
        given(customers.get(new CustomerId(ADA))).willReturn(customer);
        given(customers.list(Optional.empty(), 0, 20))
                .willReturn(new PageImpl<>(List.of(customer), PageRequest.of(0, 20), 1));
        given(feed.lastPosition()).willReturn(0L);

        var hal = mvc.get().uri(path).accept(MediaTypes.HAL_JSON).exchange();
        var plain = mvc.get().uri(path).accept(MediaType.APPLICATION_JSON).exchange();

        assertThat(hal).hasStatusOk().hasContentType(MediaTypes.HAL_JSON);
        assertThat(plain).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(plain.getResponse().getContentAsString()).isEqualTo(hal.getResponse().getContentAsString());
        assertThat(plain).bodyJson().hasPath("$._links.self.href");
    }

    @Test
    void anyMediaTypeStillGetsHalAsSuch() {
        given(feed.lastPosition()).willReturn(0L);

        assertThat(mvc.get().uri("/customer-feed").accept(MediaType.ALL).exchange()).hasStatusOk()
                .hasContentType(MediaTypes.HAL_JSON);
    }

    @Test
    void aProblemAskedForAsPlainJsonIsStillAProblem() {
        var nobody = UUID.fromString("c0000000-0000-4000-8000-000000000099");
        given(customers.get(new CustomerId(nobody))).willThrow(CustomerFixtures.notFound(nobody));

        assertProblem(mvc.get().uri("/v2/customers/{id}", nobody).accept(MediaType.APPLICATION_JSON).exchange(),
                HttpStatus.NOT_FOUND, "customer-not-found");
        // So are the security chain's refusals.
        assertProblem(mvc.get().uri("/v2/customers/{id}", nobody).with(SliceTokens.withoutToken())
                .accept(MediaType.APPLICATION_JSON).exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertProblem(mvc.get().uri("/customer-feed").with(SliceTokens.as(SliceTokens.customer(nobody)))
                .accept(MediaType.APPLICATION_JSON).exchange(), HttpStatus.FORBIDDEN, "forbidden");
    }
}
