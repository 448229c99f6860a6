// Reference runtime for the engine's parity tests and benchmark: runs a local FastVLM model directory in
// transformers.js (offline) and prints, per case, the prompt ids, the first step's last-position logits and
// the greedily generated ids.
//
// usage: node generate.mjs JOB.json   (JOB: { model, dtype?, maxNewTokens, minNewTokens?, withLogits?,
//                                             cases: [{ rgb, width, height, question }] })
// rgb is a file of packed 8-bit RGB pixels (width*height*3 bytes), so no image codec stands between the runtimes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, AutoProcessor, AutoModelForImageTextToText, RawImage, LogitsProcessor, LogitsProcessorList } from '@huggingface/transformers';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/';

class CaptureFirstLogits extends LogitsProcessor {
  constructor() { super(); this.first = null; }
  _call(inputIds, logits) {
    if (this.first === null) this.first = Array.from(logits[0].data);
    return logits;
  }
}

function listOf(processor) {
  const list = new LogitsProcessorList();
  list.push(processor);
  return list;
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const modelDir = path.resolve(job.model);
const processor = await AutoProcessor.from_pretrained(modelDir);
const model = await AutoModelForImageTextToText.from_pretrained(modelDir, { dtype: job.dtype ?? 'fp32', device: 'cpu' });

const results = [];
for (const c of job.cases) {
  const pixels = new Uint8ClampedArray(readFileSync(c.rgb));
  const image = new RawImage(pixels, c.width, c.height, 3);
  const messages = [{ role: 'user', content: `<image>\n${c.question}` }];
  const prompt = processor.apply_chat_template(messages, { add_generation_prompt: true });
  const inputs = await processor(image, prompt);

  // Step 1 alone, with no logits processors that change values: the raw first-step logits.
  let firstLogits = null;
  if (job.withLogits !== false) {
    const capture = new CaptureFirstLogits();
    await model.generate({ ...inputs, max_new_tokens: 1, do_sample: false, logits_processor: listOf(capture) });
    firstLogits = capture.first;
  }

  const output = await model.generate({
    ...inputs,
    max_new_tokens: job.maxNewTokens,
    min_new_tokens: job.minNewTokens ?? 0,
    do_sample: false,
  });
  const promptIds = Array.from(inputs.input_ids.data, Number);
  const all = Array.from(output.data, Number);
  const generatedIds = all.slice(promptIds.length);
  results.push({
    promptIds,
    generatedIds,
    text: processor.tokenizer.decode(generatedIds, { skip_special_tokens: true }),
    firstLogits,
    pixelShape: inputs.pixel_values.dims,
  });
}

process.stdout.write(JSON.stringify({ results }));
