package dev.athanor.testkit.git;

import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of the fake: a status, a JSON body (a map or list, or null for none) and extra headers. */
record FakeAnswer(int status, Object body, Map<String, String> headers) {

    static FakeAnswer json(int status, Object body) {
        return new FakeAnswer(status, body, Map.of());
    }

    FakeAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeAnswer(status, body, more);
    }
}
