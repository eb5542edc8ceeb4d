package dev.athanor.core.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.annotation.SerdeConfig;
import io.micronaut.json.tree.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        String kind = kindOf(raw);
        boolean fits = switch (kind) {
            case STRING, ENUM -> node.isString();
            case BOOLEAN -> node.isBoolean();
            case INTEGER -> node.isNumber() && whole(node);
            case NUMBER -> node.isNumber();
            case ARRAY -> node.isArray();
            case OBJECT -> node.isObject() || !(Map.class.isAssignableFrom(raw)
                    || BeanIntrospector.SHARED.findIntrospection(raw).isPresent());
            default -> true;
        };
        if (!fits) {
            problems.computeIfAbsent(path, p -> new ArrayList<>()).add("must be " + kind);
        } else if (kind.equals(ARRAY)) {
            Argument<?> item = raw.isArray() ? Argument.of(raw.getComponentType())
                    : type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
            int i = 0;
            for (JsonNode value : node.values()) {
                check(item, value, path + "[" + i++ + "]", problems);
            }
        } else if (kind.equals(OBJECT) && !Map.class.isAssignableFrom(raw)) {
            BeanIntrospector.SHARED.findIntrospection(raw).ifPresent(bean -> {
                for (BeanProperty<?, ?> property : bean.getBeanProperties()) {
                    names(property).stream().filter(name -> node.get(name) != null).findFirst().ifPresent(name ->
                            check(property.asArgument(), node.get(name),
                                    path.equals("body") ? name : path + "." + name, problems));
                }
            });
        }
    }

    static final String STRING = "a string";
    static final String ENUM = "one of the documented values";
    static final String BOOLEAN = "true or false";
    static final String INTEGER = "an integer";
    static final String NUMBER = "a number";
    static final String ARRAY = "an array";
    static final String OBJECT = "an object";
    static final String ANY = "any JSON value";

    /** What a value of {@code type} must be, in plain words (one of the constants above). */
    static String kindOf(Class<?> type) {
        if (type == Object.class || JsonNode.class.isAssignableFrom(type) || type == byte[].class) {
            return ANY;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return STRING;
        }
        if (type.isEnum()) {
            return ENUM;
        }
        if (type == Boolean.class || type == boolean.class) {
            return BOOLEAN;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return INTEGER;
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return NUMBER;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return ARRAY;
        }
        return OBJECT;
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
