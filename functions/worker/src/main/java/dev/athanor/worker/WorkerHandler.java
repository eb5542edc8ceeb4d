package dev.athanor.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** The worker Lambda: SQS batches in, partial batch failures out. Locally the SQS poller calls the same class. */
public class WorkerHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    WorkDispatcher dispatcher;

    /** Used by AWS Lambda. */
    public WorkerHandler() {
    }

    /** Used by the local platform and tests, with a context they configured. */
    public WorkerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return dispatcher.dispatch(event);
    }
}
