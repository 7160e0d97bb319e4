package org.erlbank.customer.customers.web;

import org.erlbank.customer.customers.CustomerNotFoundException;
import org.erlbank.customer.customers.InvalidPartException;
import org.erlbank.customer.customers.StaleCustomerException;
import org.erlbank.customer.faults.InjectedFaultException;
import org.erlbank.http.ErlbankExceptionHandler;
import org.erlbank.http.ErlbankProblem;
import org.erlbank.http.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The customer API's own errors, on top of the problems every Erlbank service answers with.
 */
@RestControllerAdvice
class CustomerProblems extends ErlbankExceptionHandler {

    static final ProblemType CUSTOMER_NOT_FOUND =
            new ProblemType("customer-not-found", "Customer not found", HttpStatus.NOT_FOUND);
    static final ProblemType INJECTED_FAULT =
            new ProblemType("injected-fault", "Injected fault", HttpStatus.INTERNAL_SERVER_ERROR);

    @Override
    protected String messageFor(String field, String constraint, String defaultMessage) {
        return "Pattern".equals(constraint)
                ? "must contain more than white space, and no control characters"
                : super.messageFor(field, constraint, defaultMessage);
    }

    @ExceptionHandler
    ResponseEntity<Object> customerNotFound(CustomerNotFoundException ex, WebRequest request) {
        return problem(CUSTOMER_NOT_FOUND.with(ex.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> injectedFault(InjectedFaultException ex, WebRequest request) {
        return problem(INJECTED_FAULT.with(ex.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> stale(StaleCustomerException ex, WebRequest request) {
        return problem(ProblemType.PRECONDITION_FAILED.with(
                "The customer has changed since you read it: read it again, then repeat your change."), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidPart(InvalidPartException ex, WebRequest request) {
        return problem(ErlbankProblem.validationFailed(ex.part(), ex.reason()), request);
    }
}
