// Runs the official OpenAI JS SDK against an OpenAI-compatible base URL, as an SDK user writes it, and prints ONE
// JSON object on stdout with what each scenario observed. A scenario the SDK throws in is reported under its name
// as {"error": ...}, the error also goes to stderr, and the exit code is 1.
//
// Env: ATHANOR_BASE_URL (.../v1), ATHANOR_API_KEY, CHAT_MODEL, EMBEDDING_MODEL (embeddings skipped when unset),
// EMBEDDING_DIMENSIONS (optional), SDK_LOG (optional: the SDK's log level, e.g. debug; logged to stderr).
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const chatModel = env('CHAT_MODEL');
const embeddingModel = process.env.EMBEDDING_MODEL || null;
const dimensions = process.env.EMBEDDING_DIMENSIONS ? Number(process.env.EMBEDDING_DIMENSIONS) : undefined;

// stdout carries the report only, so the SDK's own log goes to stderr
const toStderr = (...args) => console.error(...args);
const client = new OpenAI({
  baseURL: env('ATHANOR_BASE_URL'),
  apiKey: env('ATHANOR_API_KEY'),
  maxRetries: 0,
  timeout: 60_000,
  logLevel: process.env.SDK_LOG || 'warn',
  logger: { debug: toStderr, info: toStderr, warn: toStderr, error: toStderr },
});

const tools = [{
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'The city name' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
}];
const question = { role: 'user', content: 'What is the weather in Paris?' };
const weather = JSON.stringify({ city: 'Paris', celsius: 21, sky: 'clear' });

// a 1x1 RGBA PNG (valid chunks and CRCs)
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const observedCall = (call) => ({
  id: call.id,
  type: call.type,
  name: call.function.name,
  arguments: JSON.parse(call.function.arguments),
});

const toolAnswer = (callId) => ({ role: 'tool', tool_call_id: callId, content: weather });

async function functionCalling() {
  const first = await client.chat.completions.create({ model: chatModel, messages: [question], tools });
  const choice = first.choices[0];
  const call = choice.message.tool_calls[0];
  const second = await client.chat.completions.create({
    model: chatModel,
    messages: [question, choice.message, toolAnswer(call.id)],
    tools,
  });
  return {
    id: first.id,
    object: first.object,
    model: first.model,
    finish_reason: choice.finish_reason,
    content: choice.message.content,
    tool_calls: choice.message.tool_calls.map(observedCall),
    final: {
      finish_reason: second.choices[0].finish_reason,
      content: second.choices[0].message.content,
      tool_calls: second.choices[0].message.tool_calls ?? null,
    },
  };
}

async function streamedFunctionCalling() {
  // turn one as SDK users accumulate a raw stream: tool-call deltas merged by index
  const stream = await client.chat.completions.create({
    model: chatModel, messages: [question], tools, stream: true, stream_options: { include_usage: true },
  });
  const calls = [];
  let finishReason = null;
  let usageChunk = null;
  let chunks = 0;
  let text = '';
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) {
      usageChunk = { choices: chunk.choices.length, usage: chunk.usage };
    }
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      for (const delta of choice.delta?.tool_calls ?? []) {
        const call = calls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
        call.id = delta.id ?? call.id;
        call.type = delta.type ?? call.type;
        call.function.name += delta.function?.name ?? '';
        call.function.arguments += delta.function?.arguments ?? '';
      }
      finishReason = choice.finish_reason ?? finishReason;
    }
  }
  // turn two with the SDK's own stream helper, which validates and accumulates the chunks itself
  const assistant = { role: 'assistant', content: text || null, tool_calls: calls };
  const runner = client.chat.completions.stream({
    model: chatModel,
    messages: [question, assistant, toolAnswer(calls[0].id)],
    tools,
    stream_options: { include_usage: true },
  });
  let streamedText = '';
  runner.on('content', (delta) => { streamedText += delta; });
  const final = await runner.finalChatCompletion();
  return {
    chunks,
    finish_reason: finishReason,
    content: text,
    tool_calls: calls.map(observedCall),
    usage_chunk: usageChunk,
    final: {
      finish_reason: final.choices[0].finish_reason,
      content: final.choices[0].message.content,
      streamed_content: streamedText,
      usage: final.usage ?? null,
    },
  };
}

async function helperStreamedToolCall() {
  // the stream helper accumulating a streamed tool call, as finalChatCompletion() gives it
  const final = await client.chat.completions.stream({ model: chatModel, messages: [question], tools })
    .finalChatCompletion();
  return {
    finish_reason: final.choices[0].finish_reason,
    tool_calls: final.choices[0].message.tool_calls.map(observedCall),
  };
}

async function structuredOutput() {
  const WeatherReport = z.object({ city: z.string(), celsius: z.number() });
  const completion = await client.chat.completions.parse({
    model: chatModel,
    messages: [{ role: 'user', content: 'Report the weather in Paris.' }],
    response_format: zodResponseFormat(WeatherReport, 'weather_report'),
  });
  const message = completion.choices[0].message;
  return {
    finish_reason: completion.choices[0].finish_reason,
    content: message.content,
    refusal: message.refusal ?? null,
    parsed: message.parsed,
  };
}

async function imageMessage() {
  const completion = await client.chat.completions.create({
    model: chatModel,
    messages: [{
      role: 'user',
      content: [
        { type: 'text', text: 'What colour is this picture?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'low' } },
      ],
    }],
  });
  return {
    finish_reason: completion.choices[0].finish_reason,
    content: completion.choices[0].message.content,
  };
}

async function embeddings() {
  // no encoding_format: the SDK asks for base64 and decodes the vectors itself
  const response = await client.embeddings.create({
    model: embeddingModel, input: ['first text', 'second text'], dimensions,
  });
  return {
    object: response.object,
    model: response.model,
    count: response.data.length,
    indexes: response.data.map((item) => item.index),
    lengths: response.data.map((item) => item.embedding.length),
    all_finite: response.data.every((item) => item.embedding.every(Number.isFinite)),
    norms: response.data.map((item) => Math.round(Math.hypot(...item.embedding) * 1000) / 1000),
    usage: response.usage ?? null,
  };
}

async function retrieveModel() {
  const model = await client.models.retrieve(chatModel);
  return { id: model.id, object: model.object, owned_by: model.owned_by };
}

const scenarios = {
  function_calling: functionCalling,
  streamed_function_calling: streamedFunctionCalling,
  helper_streamed_tool_call: helperStreamedToolCall,
  structured_output: structuredOutput,
  image_message: imageMessage,
  embeddings: embeddingModel ? embeddings : null,
  model: retrieveModel,
};

const report = {};
let failed = false;
for (const [name, run] of Object.entries(scenarios)) {
  if (!run) {
    report[name] = { skipped: true };
    continue;
  }
  try {
    report[name] = await run();
  } catch (error) {
    failed = true;
    const described = {
      error: `${error?.constructor?.name}: ${error?.message}`,
      status: error?.status ?? null,
      body: error?.error ?? null,
    };
    report[name] = described;
    console.error(`scenario ${name} failed:`, error);
  }
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exitCode = failed ? 1 : 0;
