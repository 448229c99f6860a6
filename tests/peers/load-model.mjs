// Loads a FastVLM model directory with transformers.js (offline, by absolute path) and generates a few
// tokens from an image and a question. Prints one JSON line: {promptTokens, imageTokens, newTokens, ids, text}.
// Usage: node load-model.mjs MODEL_DIR [--dtype fp32|fp16] [--max-new-tokens N] [--image-size N] [--question TEXT]
import path from 'node:path';
import { env, AutoProcessor, AutoModelForImageTextToText, RawImage } from '@huggingface/transformers';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const modelDir = path.resolve(args[0]);
const dtype = option('--dtype', 'fp32');
const maxNewTokens = Number(option('--max-new-tokens', '8'));
const size = Number(option('--image-size', '300'));
const question = option('--question', 'What is the total amount?');

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/';

// Deterministic noise image (RGB), not square on purpose.
const width = size, height = Math.round(size * 1.3);
const pixels = new Uint8ClampedArray(width * height * 3);
let state = 12345;
for (let i = 0; i < pixels.length; i++) {
  state = (state * 1103515245 + 12345) >>> 0;
  pixels[i] = state >>> 24;
}
const image = new RawImage(pixels, width, height, 3);

const processor = await AutoProcessor.from_pretrained(modelDir);
const model = await AutoModelForImageTextToText.from_pretrained(modelDir, { dtype, device: 'cpu' });
const messages = [{ role: 'user', content: `<image>\n${question}` }];
const prompt = processor.apply_chat_template(messages, { add_generation_prompt: true });
const inputs = await processor(image, prompt);
const output = await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false });
const promptLength = inputs.input_ids.dims[1];
const ids = Array.from(output.slice(null, [promptLength, null]).data, Number);
const imageTokenId = model.config.image_token_index;
const imageTokens = Array.from(inputs.input_ids.data, Number).filter((t) => t === imageTokenId).length;
const text = processor.batch_decode(output.slice(null, [promptLength, null]), { skip_special_tokens: true })[0];
console.log(JSON.stringify({ promptTokens: promptLength, imageTokens, newTokens: ids.length, ids, text }));
