// Health check
const health = await fetch('http://localhost:8000/health');
const healthData = await health.json();
console.log(healthData);

// List LiteLLM models
const modelsResp = await fetch('http://localhost:8000/v1/models');
const modelsData = await modelsResp.json();
console.log('Available models:', modelsData.data.map(m => m.id));

// Chat completion with OpenAI
const completionResp = await fetch('http://localhost:8000/v1/chat/completions', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: 'Hello!' }],
    temperature: 0.7
  })
});
const completionData = await completionResp.json();
console.log(completionData.choices[0].message.content);

// Chat completion with Gemini
const geminiResp = await fetch('http://localhost:8000/v1/chat/completions', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    model: 'gemini-pro',
    messages: [{ role: 'user', content: 'Hello!' }],
    temperature: 0.7
  })
});
const geminiData = await geminiResp.json();
console.log(geminiData.choices[0].message.content);

// Streaming chat completion
const streamResp = await fetch('http://localhost:8000/v1/chat/completions', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: 'Tell me a story' }],
    stream: true
  })
});

const reader = streamResp.body.getReader();
const decoder = new TextDecoder();

while (true) {
  const { done, value } = await reader.read();
  if (done) break;

  const chunk = decoder.decode(value);
  const lines = chunk.split('\n');

  for (const line of lines) {
    if (line.startsWith('data: ')) {
      const data = line.slice(6);
      if (data === '[DONE]') break;

      try {
        const parsed = JSON.parse(data);
        if (parsed.choices[0].delta.content) {
          process.stdout.write(parsed.choices[0].delta.content);
        }
      } catch (e) {
        // Ignore parse errors
      }
    }
  }
}

// Check providers
const providersResp = await fetch('http://localhost:8000/v1/providers');
const providersData = await providersResp.json();
console.log(`Configured: ${providersData.total_configured}/${providersData.total_available}`);
