package dev.athanor.aws.dynamo;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One list read a page at a time from a table, or from one of its indexes, in sort-key order or (newest first)
 * reversed. A page is one DynamoDB Query per partition read, with {@code Limit} one more than the page holds (to
 * know whether more follow) and the cursor's key as {@code ExclusiveStartKey}; DynamoDB reads at most 1 MB per Query,
 * so a page of large items may hold fewer than asked while more follow. With {@link #projecting} only those
 * attributes (and the keys) are read.
 * <p>
 * A list may span several partitions ({@link Slice}s, e.g. one per status); their pages are merged in sort-key
 * order, each partition read from where the last page left it. A cursor is the position in every partition: the key
 * of the last item shown from it (table and index keys), or that it has not started or has ended
 * ({@link Cursors} text). Before a cursor is used it must name this list (its items and index), the caller's team
 * (the table's partition key), each slice's partition and, where a slice has one, its sort-key prefix: any other
 * cursor is an invalid-input error ({@link Cursors#invalid()}), never a read of another team's, project's or list's
 * items.
 */
public final class PagedQuery<T> {

    /** One partition of a list: the partition key's value and, optionally, the prefix its sort keys start with. */
    public record Slice(String partition, @Nullable String sortPrefix) {

        public static Slice of(String partition) {
            return new Slice(partition, null);
        }
    }

    private static final String NOT_STARTED = "s";
    private static final String ENDED = "d";
    private static final String AT = "k";

    private final DynamoDbTable<T> table;
    private final TableSchema<T> schema;
    @Nullable
    private final String index;
    private final String teamAttribute;
    private final String partitionAttribute;
    private final String sortAttribute;
    private final List<String> keyAttributes;
    private final List<String> projection;
    private final boolean descending;
    private final boolean consistent;

    private PagedQuery(DynamoDbTable<T> table, @Nullable String index, List<String> projection, boolean descending,
                       boolean consistent) {
        this.table = table;
        this.schema = table.tableSchema();
        this.index = index;
        TableMetadata metadata = schema.tableMetadata();
        this.teamAttribute = metadata.primaryPartitionKey();
        String tableSort = metadata.primarySortKey().orElseThrow(() ->
                new IllegalArgumentException(table.tableName() + " has no sort key to page by"));
        this.partitionAttribute = index == null ? teamAttribute : metadata.indexPartitionKey(index);
        this.sortAttribute = index == null ? tableSort : metadata.indexSortKey(index).orElseThrow(() ->
                new IllegalArgumentException("Index " + index + " has no sort key to page by"));
        Set<String> keys = new LinkedHashSet<>(List.of(teamAttribute, tableSort, partitionAttribute, sortAttribute));
        this.keyAttributes = List.copyOf(keys);
        this.projection = List.copyOf(projection);
        this.descending = descending;
        this.consistent = consistent;
    }

    /** The items of {@code table} (its partition key being the team) or, with {@code index}, of that index. */
    public static <T> PagedQuery<T> over(DynamoDbTable<T> table, @Nullable String index) {
        return new PagedQuery<>(table, index, List.of(), false, false);
    }

    /** This list in reversed sort-key order: newest first when the sort key starts with the time. */
    public PagedQuery<T> newestFirst() {
        return new PagedQuery<>(table, index, projection, true, consistent);
    }

    /** This list reading only {@code attributes} of each item (and its keys), so larger attributes are never read. */
    public PagedQuery<T> projecting(String... attributes) {
        return new PagedQuery<>(table, index, List.of(attributes), descending, consistent);
    }

    /** This list read with strongly consistent reads (tables only: an index is always read eventually consistent). */
    public PagedQuery<T> consistent() {
        if (index != null) {
            throw new IllegalStateException("An index cannot be read consistently");
        }
        return new PagedQuery<>(table, index, projection, descending, true);
    }

    /** A page of one partition. */
    public Page<T> page(TeamId team, Slice slice, PageRequest request) {
        return page(team, List.of(slice), request, null);
    }

    /**
     * A page of the list made of {@code slices} (merged in sort-key order), of items that pass {@code filter}.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the request's cursor is not one this list handed
     *                                                       out for this team and these slices
     */
    public Page<T> page(TeamId team, List<Slice> slices, PageRequest request, @Nullable Expression filter) {
        List<Map<String, AttributeValue>> positions = request.cursor() == null
                ? new ArrayList<>(Collections.nCopies(slices.size(), null))
                : decode(team, slices, request.cursor());
        int limit = request.limit();
        List<Read> reads = new ArrayList<>();
        List<Fetched<T>> fetched = new ArrayList<>();
        String bound = null;
        for (int i = 0; i < slices.size(); i++) {
            Map<String, AttributeValue> position = positions.get(i);
            if (position == ENDED_POSITION) {
                reads.add(null);
                continue;
            }
            software.amazon.awssdk.enhanced.dynamodb.model.Page<T> page = query(request(slices.get(i), limit + 1,
                    position, filter)).iterator().next();
            Map<String, AttributeValue> last = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty()
                    ? null : page.lastEvaluatedKey();
            reads.add(new Read(page.items().size(), last));
            for (T item : page.items()) {
                fetched.add(new Fetched<>(i, item, sortValue(item)));
            }
            if (last != null && !page.items().isEmpty()) {
                // this partition has more beyond its last item read: nothing past that item may be shown yet
                String horizon = sortValue(page.items().get(page.items().size() - 1));
                if (bound == null || order(horizon, bound) > 0) {
                    bound = horizon;
                }
            }
        }
        fetched.sort((a, b) -> order(a.sort(), b.sort()));
        List<Fetched<T>> shown = new ArrayList<>();
        for (Fetched<T> candidate : fetched) {
            if (shown.size() == limit || (bound != null && order(candidate.sort(), bound) > 0)) {
                break;
            }
            shown.add(candidate);
        }
        List<Map<String, AttributeValue>> next = new ArrayList<>();
        boolean more = false;
        for (int i = 0; i < slices.size(); i++) {
            Read read = reads.get(i);
            if (read == null) {
                next.add(ENDED_POSITION);
                continue;
            }
            int slice = i;
            List<Fetched<T>> mine = shown.stream().filter(f -> f.slice() == slice).toList();
            Map<String, AttributeValue> position;
            if (mine.size() == read.count() && read.last() == null) {
                position = ENDED_POSITION;
            } else if (!mine.isEmpty()) {
                position = schema.itemToMap(mine.get(mine.size() - 1).item(), keyAttributes);
            } else if (read.count() == 0) {
                position = read.last(); // a read whose every item was filtered out: the next one starts past it
            } else {
                position = positions.get(i);
            }
            more |= position != ENDED_POSITION;
            next.add(position);
        }
        List<T> items = shown.stream().map(Fetched::item).toList();
        return new Page<>(items, more ? encode(next) : null);
    }

    /** How many items one partition holds (a count query: items are counted, not returned). */
    public long count(Slice slice) {
        return count(slice, null);
    }

    /** How many items of one partition pass {@code filter} (null: all). */
    public long count(Slice slice, @Nullable Expression filter) {
        QueryEnhancedRequest.Builder builder = QueryEnhancedRequest.builder()
                .queryConditional(conditional(slice))
                .select(Select.COUNT);
        if (consistent) {
            builder.consistentRead(true);
        }
        if (filter != null) {
            builder.filterExpression(filter);
        }
        QueryEnhancedRequest request = builder.build();
        long count = 0;
        for (software.amazon.awssdk.enhanced.dynamodb.model.Page<T> page : query(request)) {
            count += page.count() == null ? 0 : page.count();
        }
        return count;
    }

    /** The Query of one partition's read: at most {@code limit} items after {@code start} (null: from the start). */
    QueryEnhancedRequest request(Slice slice, int limit, @Nullable Map<String, AttributeValue> start,
                                 @Nullable Expression filter) {
        QueryEnhancedRequest.Builder builder = QueryEnhancedRequest.builder()
                .queryConditional(conditional(slice))
                .scanIndexForward(!descending)
                .limit(limit);
        if (start != null) {
            builder.exclusiveStartKey(start);
        }
        if (!projection.isEmpty()) {
            Set<String> attributes = new LinkedHashSet<>(projection);
            attributes.addAll(keyAttributes);
            builder.attributesToProject(attributes);
        }
        if (consistent) {
            builder.consistentRead(true);
        }
        if (filter != null) {
            builder.filterExpression(filter);
        }
        return builder.build();
    }

    private Iterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<T>> query(QueryEnhancedRequest request) {
        return index == null ? table.query(request) : table.index(index).query(request);
    }

    private static QueryConditional conditional(Slice slice) {
        return slice.sortPrefix() == null
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(slice.partition()).build())
                : QueryConditional.sortBeginsWith(Key.builder().partitionValue(slice.partition())
                .sortValue(slice.sortPrefix()).build());
    }

    private String sortValue(T item) {
        AttributeValue value = schema.attributeValue(item, sortAttribute);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("An item of " + table.tableName() + " has no " + sortAttribute);
        }
        return value.s();
    }

    /** Negative when {@code a} comes first in this list (DynamoDB orders strings by their UTF-8 bytes). */
    private int order(String a, String b) {
        int ascending = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        return descending ? -ascending : ascending;
    }

    /** What a cursor says it belongs to: the kind of item and the index read. */
    private String tag() {
        String items = schema.itemType().rawClass().getSimpleName();
        return index == null ? items : items + "/" + index;
    }

    private String encode(List<Map<String, AttributeValue>> positions) {
        List<String> parts = new ArrayList<>();
        parts.add(tag());
        for (Map<String, AttributeValue> position : positions) {
            if (position == ENDED_POSITION) {
                parts.add(ENDED);
            } else if (position == null) {
                parts.add(NOT_STARTED);
            } else {
                parts.add(AT);
                for (String attribute : keyAttributes) {
                    AttributeValue value = position.get(attribute);
                    if (value == null || value.s() == null) {
                        throw new IllegalStateException("A key of " + table.tableName() + " has no " + attribute);
                    }
                    parts.add(value.s());
                }
            }
        }
        return Cursors.encode(parts);
    }

    private List<Map<String, AttributeValue>> decode(TeamId team, List<Slice> slices, String cursor) {
        List<String> parts = Cursors.decode(cursor);
        if (parts.isEmpty() || !tag().equals(parts.get(0))) {
            throw Cursors.invalid();
        }
        List<Map<String, AttributeValue>> positions = new ArrayList<>();
        int at = 1;
        for (Slice slice : slices) {
            if (at >= parts.size()) {
                throw Cursors.invalid();
            }
            String marker = parts.get(at++);
            switch (marker) {
                case NOT_STARTED -> positions.add(null);
                case ENDED -> positions.add(ENDED_POSITION);
                case AT -> {
                    if (at + keyAttributes.size() > parts.size()) {
                        throw Cursors.invalid();
                    }
                    Map<String, AttributeValue> key = new HashMap<>();
                    for (String attribute : keyAttributes) {
                        String value = parts.get(at++);
                        if (value.isEmpty() || value.length() > 1024) {
                            throw Cursors.invalid();
                        }
                        key.put(attribute, AttributeValue.fromS(value));
                    }
                    String sort = key.get(sortAttribute).s();
                    if (!team.value().equals(key.get(teamAttribute).s())
                            || !slice.partition().equals(key.get(partitionAttribute).s())
                            || (slice.sortPrefix() != null && !sort.startsWith(slice.sortPrefix()))) {
                        throw Cursors.invalid();
                    }
                    positions.add(key);
                }
                default -> throw Cursors.invalid();
            }
        }
        if (at != parts.size()) {
            throw Cursors.invalid();
        }
        return positions;
    }

    /** The position of a partition that has ended (compared by identity). */
    private static final Map<String, AttributeValue> ENDED_POSITION = Collections.unmodifiableMap(new HashMap<>());

    private record Read(int count, @Nullable Map<String, AttributeValue> last) {
    }

    private record Fetched<I>(int slice, I item, String sort) {
    }
}
