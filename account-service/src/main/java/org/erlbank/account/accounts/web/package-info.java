/**
 * The account API v1 over HTTP: controllers implementing the interfaces generated from {@code account-api-v1.yaml},
 * the mapping to the generated HAL models, and the API's links and problems.
 */
package org.erlbank.account.accounts.web;
