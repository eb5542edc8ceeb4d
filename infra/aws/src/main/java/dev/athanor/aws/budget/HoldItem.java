package dev.athanor.aws.budget;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.math.BigDecimal;

/** One open hold inside a day's budget item, keyed there by the hold's id. Instants are epoch milliseconds. */
@DynamoDbBean
public class HoldItem {

    private BigDecimal amountUsd;
    private Long reservedAt;
    private Long expiresAt;

    @DynamoDbAttribute("amount_usd")
    public BigDecimal getAmountUsd() {
        return amountUsd;
    }

    public void setAmountUsd(BigDecimal amountUsd) {
        this.amountUsd = amountUsd;
    }

    @DynamoDbAttribute("reserved_at")
    public Long getReservedAt() {
        return reservedAt;
    }

    public void setReservedAt(Long reservedAt) {
        this.reservedAt = reservedAt;
    }

    @DynamoDbAttribute("expires_at")
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
