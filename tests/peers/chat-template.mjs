// Reference chat-template rendering for the prompt tests: transformers.js renders the `chat_template` of a
// model directory's tokenizer_config.json and tokenizes the result.
// usage: node chat-template.mjs MODEL_DIR CONVERSATIONS_JSON OUT_JSON
// CONVERSATIONS_JSON: array of message arrays ({role, content}); OUT_JSON: {texts, ids}, one entry each,
// rendered with add_generation_prompt = true.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';

const [modelDir, conversationsPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node chat-template.mjs MODEL_DIR CONVERSATIONS_JSON OUT_JSON');
  process.exit(2);
}

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(path.resolve(modelDir));
const tokenizer = await AutoTokenizer.from_pretrained(path.basename(path.resolve(modelDir)));
const conversations = JSON.parse(readFileSync(conversationsPath, 'utf8'));
const texts = [];
const ids = [];
for (const messages of conversations) {
  texts.push(tokenizer.apply_chat_template(messages, { add_generation_prompt: true, tokenize: false }));
  const encoded = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, tokenize: true, return_tensor: false });
  ids.push(Array.from(encoded.input_ids ?? encoded, Number));
}
writeFileSync(outPath, JSON.stringify({ texts, ids }));
