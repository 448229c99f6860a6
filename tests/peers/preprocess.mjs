// Reference image preprocessing for the parity tests: transformers.js's image processor for a model directory.
// usage: node preprocess.mjs MODEL_DIR JOBS_JSON
// JOBS_JSON: array of {raw, width, height, out}: raw = packed RGB bytes; out receives pixel_values as
// little-endian float32 [3, S, S]. Prints one line of JSON per job with the tensor dims.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AutoImageProcessor, RawImage, env } from '@huggingface/transformers';

const [modelDir, jobsPath] = process.argv.slice(2);
if (!jobsPath) {
  console.error('usage: node preprocess.mjs MODEL_DIR JOBS_JSON');
  process.exit(2);
}

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(path.resolve(modelDir));
const processor = await AutoImageProcessor.from_pretrained(path.basename(path.resolve(modelDir)));
for (const job of JSON.parse(readFileSync(jobsPath, 'utf8'))) {
  const bytes = readFileSync(job.raw);
  const image = new RawImage(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), job.width, job.height, 3);
  const { pixel_values } = await processor(image);
  const data = pixel_values.data;
  writeFileSync(job.out, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  console.log(JSON.stringify({ out: job.out, dims: pixel_values.dims, type: pixel_values.type }));
}
