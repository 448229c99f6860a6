// transformers.js side of scripts/bench-engine.sh: the same model, image (raw RGB) and question as
// `docpipe bench-engine`, timed the same way: vision encoder alone, time to first token (preprocessing +
// encoder + prefill + first choice), decode tokens/s from per-token timestamps, peak RSS.
//
// usage: node bench.mjs MODEL_DIR IMAGE.rgb SIZE QUESTION TOKENS REPEATS OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { env, AutoProcessor, AutoModelForImageTextToText, RawImage } from '@huggingface/transformers';

const [modelDir, rgbPath, sizeText, question, tokensText, repeatsText, outPath] = process.argv.slice(2);
const size = Number(sizeText);
const tokens = Number(tokensText);
const repeats = Number(repeatsText);
env.allowRemoteModels = false;
env.localModelPath = '/';

const loadStart = performance.now();
const processor = await AutoProcessor.from_pretrained(path.resolve(modelDir));
const model = await AutoModelForImageTextToText.from_pretrained(path.resolve(modelDir), { dtype: 'fp32', device: 'cpu' });
const loadMs = performance.now() - loadStart;

const image = new RawImage(new Uint8ClampedArray(readFileSync(rgbPath)), size, size, 3);
const prompt = processor.apply_chat_template([{ role: 'user', content: `<image>\n${question}` }], { add_generation_prompt: true });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const encoderMs = [], prefillMs = [], ttftMs = [], tps = [];
let lastIds = null, promptTokens = 0;
for (let r = 0; r <= repeats; r++) {
  const start = performance.now();
  const inputs = await processor(image, prompt);
  promptTokens = inputs.input_ids.dims.at(-1);

  const encStart = performance.now();
  const features = await model.encode_image({ pixel_values: inputs.pixel_values });
  const enc = performance.now() - encStart;
  features.dispose?.();

  const stamps = [];
  const streamer = { put: () => stamps.push(performance.now()), end: () => {} };
  const genStart = performance.now();
  const out = await model.generate({ ...inputs, max_new_tokens: tokens, min_new_tokens: tokens, do_sample: false, streamer });
  // stamps[0]: the prompt is handed to the streamer before any forward pass; stamps[1]: first new token.
  const preprocessMs = encStart - start;
  const first = stamps[1] - genStart;
  if (r === 0) continue;
  encoderMs.push(enc);
  ttftMs.push(preprocessMs + first);
  prefillMs.push(first - enc);
  tps.push((stamps.length - 2) / ((stamps.at(-1) - stamps[1]) / 1000));
  lastIds = Array.from(out.data, Number).slice(promptTokens);
}

const result = {
  runtime: `transformers.js ${JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8')).version} (onnxruntime-node, Node ${process.version})`,
  promptTokens,
  newTokens: lastIds.length,
  tokenIds: lastIds,
  loadMs,
  encoderMs: median(encoderMs),
  prefillMs: median(prefillMs),
  timeToFirstTokenMs: median(ttftMs),
  decodeTokensPerSecond: median(tps),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
writeFileSync(outPath, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
