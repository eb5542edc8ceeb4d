package dev.athanor.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions against local values: parameters, pseudo parameters, and what
 * {@code Ref} and {@code Fn::GetAtt} mean for the locally created resources.
 */
public final class IntrinsicResolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    public static final Object NO_VALUE = new Object();

    private final CloudFormationTemplate template;
    private final Map<String, String> parameters;
    private final Function<String, String> resourceRef;
    private final BiFunction<String, String, String> resourceAttribute;

    /**
     * @param parameters        parameter and pseudo-parameter values ({@code AWS::Region}, ...); template defaults fill
     *                          the rest
     * @param resourceRef       what {@code Ref} of a resource returns
     * @param resourceAttribute what {@code Fn::GetAtt} of a resource's attribute returns
     */
    public IntrinsicResolver(CloudFormationTemplate template, Map<String, String> parameters,
                             Function<String, String> resourceRef, BiFunction<String, String, String> resourceAttribute) {
        this.template = template;
        this.parameters = new LinkedHashMap<>();
        template.section("Parameters").forEach((name, definition) -> {
            Object defaultValue = CloudFormationTemplate.map(definition).get("Default");
            if (defaultValue != null) {
                this.parameters.put(name, String.valueOf(defaultValue));
            }
        });
        this.parameters.putAll(parameters);
        this.resourceRef = resourceRef;
        this.resourceAttribute = resourceAttribute;
    }

    /** Resolves a value to a string; fails if it resolves to a list, a map or nothing. */
    public String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof String || resolved instanceof Number || resolved instanceof Boolean) {
            return String.valueOf(resolved);
        }
        throw new IllegalArgumentException("Not a scalar after resolution: " + value);
    }

    /** Resolves every intrinsic function inside {@code value}, recursively. */
    public Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, argument);
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object r = resolve(v);
            if (r != NO_VALUE) {
                resolved.put(String.valueOf(k), r);
            }
        });
        return resolved;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Fn::GetAtt" -> {
                List<?> parts = (List<?>) resolve(argument);
                yield resourceAttribute.apply(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> args = (List<?>) argument;
                List<?> items = (List<?>) resolve(args.get(1));
                yield String.join(string(args.get(0)), items.stream().map(String::valueOf).toList());
            }
            case "Fn::Select" -> {
                List<?> args = (List<?>) argument;
                yield ((List<?>) resolve(args.get(1))).get(Integer.parseInt(string(args.get(0))));
            }
            case "Fn::Split" -> {
                List<?> args = (List<?>) argument;
                yield List.of(string(args.get(1)).split(Pattern.quote(string(args.get(0))), -1));
            }
            case "Fn::If" -> {
                List<?> args = (List<?>) argument;
                yield condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals" -> {
                List<?> args = (List<?>) argument;
                yield String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            }
            case "Fn::Not" -> !truth(((List<?>) argument).get(0));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(this::truth);
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(this::truth);
            default -> throw new IllegalArgumentException(name + " is not supported by the local platform");
        };
    }

    /** Evaluates a named entry of the template's Conditions section. */
    public boolean condition(String name) {
        Object definition = template.section("Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("No condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("Condition")) {
            return condition(String.valueOf(map.get("Condition")));
        }
        return Boolean.TRUE.equals(resolve(value));
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        if (template.section("Parameters").containsKey(name)) {
            throw new IllegalArgumentException("Parameter " + name + " has no value and no default");
        }
        return resourceRef.apply(name);
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> args) {
            text = String.valueOf(args.get(0));
            variables = CloudFormationTemplate.map(args.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value;
            if (variables.containsKey(variable)) {
                value = string(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                value = resourceAttribute.apply(parts[0], parts[1]);
            } else {
                value = String.valueOf(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
