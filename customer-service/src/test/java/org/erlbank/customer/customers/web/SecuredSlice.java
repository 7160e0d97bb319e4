package org.erlbank.customer.customers.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.erlbank.customer.security.CustomerServiceSecurity;
import org.erlbank.http.security.ErlbankSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A web slice secured as the service is: its filter chain, Erlbank's token decoder and problems, and the customer
 * API's rules ({@link CustomerAccess}), trusting the tokens of {@link SliceTokens}. Every request carries a teller's
 * token (the teller may do everything the customer API offers) unless the test sends another
 * ({@link SliceTokens#as}) or none ({@link SliceTokens#withoutToken}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ImportAutoConfiguration(ErlbankSecurityAutoConfiguration.class)
@Import({ CustomerServiceSecurity.class, CustomerAccess.class, SliceTokens.TellerByDefault.class })
@ContextConfiguration(initializers = SliceTokens.Issuer.class)
@interface SecuredSlice {
}
