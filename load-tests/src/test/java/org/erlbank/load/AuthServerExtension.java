package org.erlbank.load;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one auth-server process of the whole test run: started by the first test class that asks for it,
 * stopped when the run ends (the root context's store closes it). Starting it costs seconds on two cores.
 */
final class AuthServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AuthServerProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(AuthServerExtension.class))
                .computeIfAbsent(AuthServerProcess.class, type -> AuthServerProcess.start(), AuthServerProcess.class);
    }
}
