package org.erlbank.http;

/**
 * A request field whose value breaks a rule only the application can check (bean validation checks the others).
 * Answered as a {@code validation-failed} problem naming the field.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
