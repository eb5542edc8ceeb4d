package dev.athanor.local.chaos;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.athanor.core.work.WorkDispatcher;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the work messages the dispatcher reports failed, by the exception that failed them, instead of logging
 * each with its stack: so the run can tell injected crashes and deliveries refused while another ran the step
 * from anything else.
 */
final class DeliveryFailures extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Map<String, AtomicLong> byCause = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessage = new ConcurrentHashMap<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(WorkDispatcher.class);
    private final Level level;
    private final boolean additive;

    DeliveryFailures() {
        level = logger.getLevel();
        additive = logger.isAdditive();
        setContext(logger.getLoggerContext());
        setName("delivery-failures");
        start();
        logger.addAppender(this);
        logger.setAdditive(false);
        logger.setLevel(Level.ERROR);
    }

    @Override
    protected void append(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        String name = thrown == null ? "none" : thrown.getClassName();
        String cause = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        byCause.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
        firstMessage.putIfAbsent(cause, thrown == null ? event.getFormattedMessage() : thrown.getMessage());
    }

    /** Failed messages by the simple name of what failed them. */
    Map<String, Long> byCause() {
        Map<String, Long> counts = new TreeMap<>();
        byCause.forEach((cause, count) -> counts.put(cause, count.get()));
        return counts;
    }

    /** The first message of each cause, to show what an unexpected failure was. */
    Map<String, String> examples() {
        return new TreeMap<>(firstMessage);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setAdditive(additive);
        logger.setLevel(level);
        stop();
    }
}
