package org.erlbank.auth.logins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.erlbank.auth.problems.Problems.FieldError;

/**
 * A login to add, valid or refused with every broken rule ({@link InvalidLoginException}). Its password is never
 * printed ({@link #toString()}).
 */
public record NewLogin(String username, String password, Role role, UUID customerId) {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads no further: two passwords equal in their first 72 bytes would be the same password. */
    static final int MAX_PASSWORD_BYTES = 72;

    public NewLogin {
        var errors = new ArrayList<FieldError>();
        checkUsername(username, errors);
        checkPassword(password, errors);
        if (role == null) {
            errors.add(new FieldError("role", "is customer or teller"));
        } else {
            checkCustomerId(role, customerId != null, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidLoginException(errors);
        }
    }

    /** A login from what a client sent, as text. Without a role it is a customer's. */
    public static NewLogin from(String username, String password, String role, String customerId) {
        var errors = new ArrayList<FieldError>();
        checkUsername(username, errors);
        checkPassword(password, errors);
        var parsedRole = role == null ? Role.CUSTOMER : Role.find(role).orElse(null);
        if (parsedRole == null) {
            errors.add(new FieldError("role", "is customer or teller"));
        }
        UUID id = null;
        if (customerId != null) {
            if (UUID_TEXT.matcher(customerId).matches()) {
                id = UUID.fromString(customerId);
            } else {
                errors.add(new FieldError("customerId", "is a UUID (8-4-4-4-12 hexadecimal digits)"));
            }
        }
        if (parsedRole != null && (customerId == null || id != null)) {
            checkCustomerId(parsedRole, id != null, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidLoginException(errors);
        }
        return new NewLogin(username, password, parsedRole, id);
    }

    private static void checkUsername(String username, List<FieldError> errors) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username",
                    "is 2 to 32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter"));
        }
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "has at least " + MIN_PASSWORD_LENGTH + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.add(new FieldError("password", "has at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"));
        } else if (password.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("password", "has no control characters"));
        }
    }

    private static void checkCustomerId(Role role, boolean hasCustomerId, List<FieldError> errors) {
        if (role == Role.CUSTOMER && !hasCustomerId) {
            errors.add(new FieldError("customerId", "is required for a customer"));
        } else if (role == Role.TELLER && hasCustomerId) {
            errors.add(new FieldError("customerId", "is for customers only"));
        }
    }

    @Override
    public String toString() {
        return "NewLogin[username=" + username + ", role=" + role + ", customerId=" + customerId + "]";
    }
}
