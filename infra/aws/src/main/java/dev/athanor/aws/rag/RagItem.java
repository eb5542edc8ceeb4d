package dev.athanor.aws.rag;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * An item of the {@code rag} table: a document ({@code d#<namespace>#<document>}: its JSON record) or a chunk
 * ({@code c#<namespace>#<document>#<generation>#<position>}: its text and its vector as little-endian floats).
 */
@DynamoDbBean
public class RagItem extends TeamScopedItem {

    private String data;
    private String text;
    private SdkBytes vector;

    @DynamoDbAttribute("data")
    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    @DynamoDbAttribute("text")
    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    @DynamoDbAttribute("vector")
    public SdkBytes getVector() {
        return vector;
    }

    public void setVector(SdkBytes vector) {
        this.vector = vector;
    }
}
