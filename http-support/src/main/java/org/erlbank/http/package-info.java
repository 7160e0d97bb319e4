/**
 * The HTTP conventions every Erlbank service shares: RFC 9457 problems with stable types, {@code If-Match} on
 * versioned resources, bounded request bodies, HAL and HAL-FORMS. Auto-configured by {@link ErlbankHttpAutoConfiguration}.
 */
package org.erlbank.http;
