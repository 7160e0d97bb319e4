package org.erlbank.auth.logins;

import java.util.List;
import java.util.stream.Collectors;
import org.erlbank.auth.problems.Problems.FieldError;

/**
 * A login that cannot be: every broken rule, by field.
 */
public class InvalidLoginException extends IllegalArgumentException {

    private final List<FieldError> errors;

    InvalidLoginException(List<FieldError> errors) {
        super(errors.stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
