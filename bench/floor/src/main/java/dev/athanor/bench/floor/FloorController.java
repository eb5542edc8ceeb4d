package dev.athanor.bench.floor;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The one route of the cold-start floor, at the path the benchmark asks every HTTP function for. */
@Controller
public class FloorController {

    @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    public String document() {
        return "{\"openapi\":\"3.0.1\",\"paths\":{}}";
    }
}
