package org.erlbank.account.accounts.web;

import org.erlbank.account.api.v1.model.CurrencyModel;
import org.erlbank.account.api.v1.model.TransferOrderModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.hateoas.mediatype.hal.forms.HalFormsConfiguration;
import org.springframework.hateoas.mediatype.hal.forms.HalFormsOptions;

/**
 * What HAL-FORMS cannot learn from the generated models' annotations: the currencies a transfer may name.
 */
@Configuration(proxyBeanMethods = false)
class HalFormsConfig {

    @Bean
    HalFormsConfiguration halFormsConfiguration() {
        return new HalFormsConfiguration().withOptions(TransferOrderModel.class, "currency",
                metadata -> HalFormsOptions.inline((Object[]) CurrencyModel.values()).withMaxItems(1L));
    }
}
