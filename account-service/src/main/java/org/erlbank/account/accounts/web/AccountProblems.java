package org.erlbank.account.accounts.web;

import java.util.Map;
import org.erlbank.account.accounts.AccountNotFoundException;
import org.erlbank.account.accounts.InsufficientFundsException;
import org.erlbank.account.accounts.Money.InvalidAmountException;
import org.erlbank.account.accounts.ReceiverAccountNotFoundException;
import org.erlbank.account.accounts.SameAccountException;
import org.erlbank.account.accounts.SenderAccountNotFoundException;
import org.erlbank.account.accounts.TransferNotFoundException;
import org.erlbank.account.customers.CustomerServiceUnavailableException;
import org.erlbank.account.customers.OwnerNotFoundException;
import org.erlbank.http.ErlbankExceptionHandler;
import org.erlbank.http.ErlbankProblem;
import org.erlbank.http.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The account API's own errors, on top of the problems every Erlbank service answers with.
 */
@RestControllerAdvice
class AccountProblems extends ErlbankExceptionHandler {

    static final ProblemType ACCOUNT_NOT_FOUND =
            new ProblemType("account-not-found", "Account not found", HttpStatus.NOT_FOUND);
    static final ProblemType SENDER_ACCOUNT_NOT_FOUND =
            new ProblemType("sender-account-not-found", "Sender account not found", HttpStatus.NOT_FOUND);
    static final ProblemType RECEIVER_ACCOUNT_NOT_FOUND = new ProblemType("receiver-account-not-found",
            "Receiver account not found", HttpStatus.UNPROCESSABLE_CONTENT);
    static final ProblemType INSUFFICIENT_FUNDS =
            new ProblemType("insufficient-funds", "Insufficient funds", HttpStatus.UNPROCESSABLE_CONTENT);
    static final ProblemType SAME_ACCOUNT =
            new ProblemType("same-account", "Transfer to the same account", HttpStatus.UNPROCESSABLE_CONTENT);
    static final ProblemType OWNER_NOT_FOUND =
            new ProblemType("owner-not-found", "Owner not found", HttpStatus.UNPROCESSABLE_CONTENT);
    static final ProblemType TRANSFER_NOT_FOUND =
            new ProblemType("transfer-not-found", "Transfer not found", HttpStatus.NOT_FOUND);
    static final ProblemType CUSTOMER_SERVICE_UNAVAILABLE = new ProblemType("customer-service-unavailable",
            "customer-service is unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    @Override
    protected String messageFor(String field, String constraint, String defaultMessage) {
        if (!"Pattern".equals(constraint)) {
            return super.messageFor(field, constraint, defaultMessage);
        }
        return switch (field) {
            case "amount" -> "must be an amount of more than zero with at most two decimals, such as 12.50";
            case "to", "accountNumber" -> "must be an account number: eight digits";
            default -> super.messageFor(field, constraint, defaultMessage);
        };
    }

    /** The domain's errors whose message is the whole story: each answered with its problem type. */
    private static final Map<Class<? extends RuntimeException>, ProblemType> DOMAIN_ERRORS = Map.of(
            AccountNotFoundException.class, ACCOUNT_NOT_FOUND,
            SenderAccountNotFoundException.class, SENDER_ACCOUNT_NOT_FOUND,
            ReceiverAccountNotFoundException.class, RECEIVER_ACCOUNT_NOT_FOUND,
            InsufficientFundsException.class, INSUFFICIENT_FUNDS,
            SameAccountException.class, SAME_ACCOUNT,
            OwnerNotFoundException.class, OWNER_NOT_FOUND,
            TransferNotFoundException.class, TRANSFER_NOT_FOUND);

    @ExceptionHandler({ AccountNotFoundException.class, SenderAccountNotFoundException.class,
            ReceiverAccountNotFoundException.class, InsufficientFundsException.class, SameAccountException.class,
            OwnerNotFoundException.class, TransferNotFoundException.class })
    ResponseEntity<Object> domainError(RuntimeException ex, WebRequest request) {
        return problem(DOMAIN_ERRORS.get(ex.getClass()).with(ex.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidAmount(InvalidAmountException ex, WebRequest request) {
        return problem(ErlbankProblem.validationFailed("amount", ex.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> customerServiceUnavailable(CustomerServiceUnavailableException ex, WebRequest request) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
        var problem = CUSTOMER_SERVICE_UNAVAILABLE.with(
                "customer-service did not answer in time or failed; try again later.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }
}
