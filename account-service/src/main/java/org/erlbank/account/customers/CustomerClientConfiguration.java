package org.erlbank.account.customers;

import java.net.http.HttpClient;
import org.erlbank.account.customers.client.v1.CustomersApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer API client, generated from customer-service's spec, on a RestClient with explicit timeouts: no call
 * to customer-service can hang a thread of account-service for longer than the read timeout.
 */
@Configuration(proxyBeanMethods = false)
class CustomerClientConfiguration {

    @Bean
    CustomersApi customersApi(CustomerServiceProperties properties) {
        // HTTP/1.1, as customer-service speaks it: no h2c upgrade attempt on every new connection.
        var httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        var requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        // A tolerant reader: a provider may add fields (and HAL's _links) without breaking this consumer.
        var mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        var restClient = RestClient.builder()
                .baseUrl(properties.url().toString())
                .requestFactory(requestFactory)
                .defaultHeader(HttpHeaders.ACCEPT, MediaTypes.HAL_JSON_VALUE)
                .configureMessageConverters(converters -> converters.withJsonConverter(
                        new JacksonJsonHttpMessageConverter(mapper)))
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build()
                .createClient(CustomersApi.class);
    }
}
