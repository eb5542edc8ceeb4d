package dev.athanor.core.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.annotation.SerdeConfig;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a JSON body has the types a route's {@code @Body} argument declares, field by field, before it is bound.
 * Binding alone would coerce ({@code 5} into the string {@code "5"}, {@code ["x"]} into {@code "x"}) or fail with
 * the decoder's own words; here a wrong type is reported as the field's name and what it must be. Null is always
 * accepted (whether a field is required is the route's rule); fields the type does not know are left alone.
 */
final class BodyShape {

    private BodyShape() {
    }

    /** Problems by field name ({@code "body"} for the whole body); empty when the body fits. */
    static Map<String, List<String>> problems(Argument<?> type, JsonNode body) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        check(type, body, "body", problems);
        return problems;
    }

    private static void check(Argument<?> type, JsonNode node, String path, Map<String, List<String>> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = type.getType();
        String expected = null;
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw == byte[].class) {
            return;
        } else if (CharSequence.class.isAssignableFrom(raw) || raw.isEnum()) {
            expected = node.isString() ? null : "must be a string";
        } else if (raw == Boolean.class || raw == boolean.class) {
            expected = node.isBoolean() ? null : "must be true or false";
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == BigInteger.class) {
            expected = node.isNumber() && whole(node) ? null : "must be an integer";
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class
                || raw == BigDecimal.class) {
            expected = node.isNumber() ? null : "must be a number";
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            if (!node.isArray()) {
                expected = "must be an array";
            } else {
                Argument<?> item = raw.isArray() ? Argument.of(raw.getComponentType())
                        : type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
                int i = 0;
                for (JsonNode value : node.values()) {
                    check(item, value, path + "[" + i++ + "]", problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            expected = node.isObject() ? null : "must be an object";
        } else {
            Optional<? extends BeanIntrospection<?>> bean = BeanIntrospector.SHARED.findIntrospection(raw);
            if (bean.isEmpty()) {
                return;
            }
            if (!node.isObject()) {
                expected = "must be an object";
            } else {
                for (BeanProperty<?, ?> property : bean.get().getBeanProperties()) {
                    for (String name : names(property)) {
                        JsonNode value = node.get(name);
                        if (value != null) {
                            String field = path.equals("body") ? name : path + "." + name;
                            check(property.asArgument(), value, field, problems);
                            break;
                        }
                    }
                }
            }
        }
        if (expected != null) {
            problems.computeIfAbsent(path, p -> new ArrayList<>()).add(expected);
        }
    }

    private static boolean whole(JsonNode node) {
        double value = node.getNumberValue().doubleValue();
        return value == Math.rint(value) && !Double.isInfinite(value);
    }

    /** The names a property is read from: its JSON name first, then its aliases. */
    private static List<String> names(BeanProperty<?, ?> property) {
        List<String> names = new ArrayList<>();
        property.getAnnotationMetadata().stringValue(SerdeConfig.class, SerdeConfig.PROPERTY)
                .or(() -> property.getAnnotationMetadata().stringValue(JsonProperty.class))
                .ifPresent(names::add);
        names.add(property.getName());
        for (String alias : property.getAnnotationMetadata().stringValues(SerdeConfig.class, SerdeConfig.ALIASES)) {
            names.add(alias);
        }
        for (String alias : property.getAnnotationMetadata().stringValues(JsonAlias.class)) {
            names.add(alias);
        }
        return names;
    }
}
