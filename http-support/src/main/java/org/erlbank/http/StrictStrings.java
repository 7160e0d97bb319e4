package org.erlbank.http;

import java.util.ArrayList;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.impl.NullsFailProvider;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * In Erlbank's own request bodies, a string field takes a JSON string and nothing else: Jackson would turn
 * {@code 12} into {@code "12"} and {@code true} into {@code "true"}, which the specs do not allow. Other bodies (the
 * actuator's, read as maps of strings) keep Jackson's leniency. And a field of ours is never {@code null}.
 */
final class StrictStrings {

    private StrictStrings() {
    }

    static SimpleModule module() {
        var module = new SimpleModule("erlbank-strict-strings");
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                    BeanDescription.Supplier bean, BeanDeserializerBuilder builder) {
                if (!bean.getBeanClass().getName().startsWith("org.erlbank.")) {
                    return builder;
                }
                var properties = new ArrayList<SettableBeanProperty>();
                builder.getProperties().forEachRemaining(properties::add);
                for (var property : properties) {
                    // null is no value of any field of ours (the specs declare none nullable): an optional field
                    // given as null would otherwise be taken as left out.
                    var strict = property.withNullProvider(new NullsFail(property));
                    if (property.getType().hasRawClass(String.class)) {
                        strict = strict.withValueDeserializer(new StrictString());
                    }
                    builder.addOrReplaceProperty(strict, true);
                }
                return builder;
            }
        });
        return module;
    }

    /**
     * Fails on a null given, not on a field left out. Jackson builds the generated models through their constructor
     * of required fields, and asks the provider for the value of a missing one too: a required field left out is
     * bean validation's to name ("is required"), as the services always answered.
     */
    private static final class NullsFail extends NullsFailProvider {

        NullsFail(SettableBeanProperty property) {
            super(property.getFullName(), property.getType());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    /** A string, or null; a number, a boolean, an object or an array is the wrong type. */
    private static final class StrictString extends StdDeserializer<String> {

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getString();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
    }
}
