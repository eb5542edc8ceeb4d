package dev.athanor.llm;

import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCallDelta;

import java.util.ArrayList;
import java.util.List;

/** A stream listener that keeps every piece of text and every tool-call piece it is given, in order. */
public final class RecordingListener implements StreamListener {

    public final List<String> text;
    public final List<ToolCallDelta> calls;

    public RecordingListener() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    /** Records into the caller's lists. */
    public RecordingListener(List<String> text, List<ToolCallDelta> calls) {
        this.text = text;
        this.calls = calls;
    }

    @Override
    public void onDelta(String piece) {
        text.add(piece);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
        calls.add(delta);
    }
}
