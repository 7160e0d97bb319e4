package org.erlbank.auth.logins;

import java.util.LinkedHashMap;
import org.erlbank.auth.problems.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;

/**
 * {@code POST /actuator/logins} on the management port: gives a customer registered through the API (or a teller) a
 * login, {@code {"username": ..., "password": ..., "customerId": ...}} or {@code {"username": ..., "password": ...,
 * "role": "teller"}}. {@code 201} with the login (never its password); {@code 400 validation-failed} naming every
 * broken field; {@code 409 login-exists}.
 */
@Endpoint(id = "logins")
public class LoginsEndpoint {

    private final Logins logins;

    LoginsEndpoint(Logins logins) {
        this.logins = logins;
    }

    /**
     * Every parameter is optional here, so that a missing one is named in a {@code validation-failed} problem with
     * the rest, not refused alone by the actuator.
     */
    @WriteOperation
    public WebEndpointResponse<Object> add(@Nullable String username, @Nullable String password,
            @Nullable String customerId, @Nullable String role) {
        NewLogin login;
        try {
            login = NewLogin.from(username, password, role, customerId);
        } catch (InvalidLoginException e) {
            return Problems.validationFailed(e.errors());
        }
        if (!logins.add(login)) {
            return Problems.problem(HttpStatus.CONFLICT, "login-exists", "The username is taken",
                    "There is a login named " + login.username() + " already.");
        }
        var added = new LinkedHashMap<String, Object>();
        added.put("username", login.username());
        added.put("role", login.role().claim());
        if (login.customerId() != null) {
            added.put("customerId", login.customerId().toString());
        }
        return new WebEndpointResponse<>(added, HttpStatus.CREATED.value());
    }
}
