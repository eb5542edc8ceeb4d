package dev.athanor.core.auth.keys;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.budget.BudgetPeriod;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller asks for when creating a key, each field checked for its type and range; every problem is reported
 * at once (422, by field).
 *
 * @param role the role asked for, or null for {@value Roles#MEMBER}
 */
public record NewApiKey(String name, String role, Instant expiresAt, List<String> allowedModels,
                        BigDecimal budgetUsd, BudgetPeriod budgetPeriod, Integer requestsPerMinute,
                        Integer tokensPerMinute) {

    static final int MAX_NAME = 100;
    static final int MAX_MODELS = 100;
    static final int MAX_MODEL_ID = 200;
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000");
    static final int MAX_RATE = 1_000_000_000;

    /** @throws dev.athanor.model.error.InvalidInputException naming every field that is wrong */
    public static NewApiKey read(RequestFields fields, Instant now) {
        String name = fields.string("name");
        if (fields.valid() && (name == null || name.isBlank())) {
            fields.error("name", "is required");
        } else if (name != null && name.strip().length() > MAX_NAME) {
            fields.error("name", "must be at most " + MAX_NAME + " characters");
        }
        String role = fields.string("role");
        if (role != null && !Roles.ALL.contains(role)) {
            fields.error("role", "must be one of " + Roles.ALL.stream().sorted().toList());
        }
        Instant expiresAt = expiry(fields, now);
        List<String> models = models(fields);
        BigDecimal budget = budget(fields);
        BudgetPeriod period = period(fields, budget);
        Integer requests = rate(fields, "requests_per_minute");
        Integer tokens = rate(fields, "tokens_per_minute");
        fields.check("API key");
        return new NewApiKey(name.strip(), role, expiresAt, models, budget, period, requests, tokens);
    }

    private static Instant expiry(RequestFields fields, Instant now) {
        String text = fields.string("expires_at");
        if (text == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(text);
            if (!at.isAfter(now)) {
                fields.error("expires_at", "must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            fields.error("expires_at", "must be an ISO-8601 UTC time such as 2030-01-31T00:00:00Z");
            return null;
        }
    }

    private static List<String> models(RequestFields fields) {
        JsonNode node = fields.node("allowed_models");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            fields.error("allowed_models", "must be an array of model ids");
            return null;
        }
        List<String> models = new ArrayList<>();
        for (JsonNode entry : node.values()) {
            if (!entry.isString() || entry.getStringValue().isBlank()
                    || entry.getStringValue().length() > MAX_MODEL_ID) {
                fields.error("allowed_models", "must hold model ids of 1-" + MAX_MODEL_ID + " characters");
                return null;
            }
            if (!models.contains(entry.getStringValue())) {
                models.add(entry.getStringValue());
            }
        }
        if (models.isEmpty() || models.size() > MAX_MODELS) {
            fields.error("allowed_models", "must hold 1-" + MAX_MODELS + " model ids (leave it out for every model)");
        }
        return models;
    }

    private static BigDecimal budget(RequestFields fields) {
        JsonNode node = fields.node("budget_usd");
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            fields.error("budget_usd", "must be a number");
            return null;
        }
        BigDecimal usd = new BigDecimal(node.getNumberValue().toString());
        if (usd.signum() <= 0 || usd.compareTo(MAX_BUDGET) > 0) {
            fields.error("budget_usd", "must be more than 0 and at most " + MAX_BUDGET.toPlainString());
        }
        return usd.stripTrailingZeros();
    }

    private static BudgetPeriod period(RequestFields fields, BigDecimal budget) {
        String text = fields.string("budget_period");
        if (text == null) {
            return budget == null ? null : BudgetPeriod.MONTH;
        }
        BudgetPeriod period = BudgetPeriod.fromWire(text);
        if (period == null) {
            fields.error("budget_period", "must be 'day' or 'month'");
        } else if (budget == null && fields.valid()) {
            fields.error("budget_period", "needs budget_usd");
        }
        return period;
    }

    private static Integer rate(RequestFields fields, String name) {
        Integer value = fields.integer(name);
        if (value != null && (value < 1 || value > MAX_RATE)) {
            fields.error(name, "must be from 1 to " + MAX_RATE);
        }
        return value;
    }
}
