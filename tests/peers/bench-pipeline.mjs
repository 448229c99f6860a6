// transformers.js side of scripts/bench-pipeline.sh, written as a user of it would: for every page, one `generate`
// per schema field (processor + generate, greedy, fp32, CPU). Reads the pages (raw RGB, model-size squares) and the
// field prompts that `docpipe bench-pipeline` wrote, times each page, and records the generated ids.
//
// usage: node bench-pipeline.mjs MODEL_DIR INPUTS_DIR OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { env, AutoProcessor, AutoModelForImageTextToText, RawImage } from '@huggingface/transformers';

const [modelDir, inputsDir, outPath] = process.argv.slice(2);
const inputs = JSON.parse(readFileSync(path.join(inputsDir, 'inputs.json'), 'utf8'));
env.allowRemoteModels = false;
env.localModelPath = '/';

const loadStart = performance.now();
const processor = await AutoProcessor.from_pretrained(path.resolve(modelDir));
const model = await AutoModelForImageTextToText.from_pretrained(path.resolve(modelDir), { dtype: 'fp32', device: 'cpu' });
const loadSeconds = (performance.now() - loadStart) / 1000;

const ask = async (image, field, maxNewTokens) => {
  const prompt = processor.apply_chat_template([{ role: 'user', content: `<image>\n${field.prompt}` }], { add_generation_prompt: true });
  const encoded = await processor(image, prompt);
  const out = await model.generate({ ...encoded, max_new_tokens: maxNewTokens, do_sample: false });
  return Array.from(out.data, Number).slice(encoded.input_ids.dims.at(-1));
};

const images = inputs.pages.map(p => new RawImage(new Uint8ClampedArray(readFileSync(path.join(inputsDir, p.rgb))), inputs.size, inputs.size, 3));
await ask(images[0], inputs.fields[0], 2); // warm-up, like the engine's

const pageSeconds = [];
const answers = [];
const wallStart = performance.now();
for (let i = 0; i < images.length; i++) {
  const start = performance.now();
  for (const field of inputs.fields) {
    const tokenIds = await ask(images[i], field, field.maxNewTokens);
    answers.push({ file: inputs.pages[i].file, page: inputs.pages[i].page, field: field.name, tokenIds, text: processor.tokenizer.decode(tokenIds, { skip_special_tokens: true }) });
  }
  pageSeconds.push((performance.now() - start) / 1000);
}
const wallSeconds = (performance.now() - wallStart) / 1000;

const result = {
  runtime: `transformers.js ${JSON.parse(readFileSync(new URL('./node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8')).version} (onnxruntime-node, Node ${process.version})`,
  mode: 'transformers.js',
  pages: images.length,
  fields: inputs.fields.length,
  loadSeconds,
  wallSeconds,
  secondsPerPage: wallSeconds / images.length,
  pagesPerMinute: 60 * images.length / wallSeconds,
  pageSeconds,
  generatedTokens: answers.reduce((n, a) => n + a.tokenIds.length, 0),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  answers,
};
writeFileSync(outPath, JSON.stringify(result, null, 2));
console.log(`transformers.js: ${images.length} pages, ${result.secondsPerPage.toFixed(2)} s/page, ${result.pagesPerMinute.toFixed(2)} pages/min, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
