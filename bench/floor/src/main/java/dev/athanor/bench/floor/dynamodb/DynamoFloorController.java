package dev.athanor.bench.floor.dynamodb;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB floor's one route, in place of the floor's controller, from a controller that holds a DynamoDB client
 * built by micronaut-aws-sdk-v2 as the functions' clients are (nothing is sent: the functions' probe event reads no
 * table).
 */
@Controller
public class DynamoFloorController {

    private final DynamoDbClient client;

    public DynamoFloorController(DynamoDbClient client) {
        this.client = client;
    }

    @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    public String document() {
        return "{\"openapi\":\"3.0.1\",\"paths\":{},\"x-service\":\"" + client.serviceName() + "\"}";
    }
}
