// Hugging Face tokenizers (Rust, Node binding) on the same corpus, for the side-by-side figures of
// scripts/bench-tokenizer.sh. usage: node hf-encode.mjs TOKENIZER_JSON CORPUS_JSON
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.PEERS_DIR ?? '.', 'package.json'));
const { Tokenizer } = require('@anush008/tokenizers');
let t0 = performance.now();
const tok = Tokenizer.fromFile(process.argv[2]);
console.log(`hf: load ${(performance.now() - t0).toFixed(0)} ms`);
const corpus = JSON.parse(readFileSync(process.argv[3], 'utf8'));
for (let round = 0; round < 3; round++) {
  t0 = performance.now();
  let n = 0;
  for (const s of corpus) n += (await tok.encode(s, null, { addSpecialTokens: false })).getIds().length;
  const ms = performance.now() - t0;
  console.log(`hf: encode one by one, round ${round}: ${ms.toFixed(0)} ms, ${n} tokens, ${(n / ms / 1000).toFixed(2)} M tokens/s`);
}
t0 = performance.now();
await tok.encodeBatch(corpus, { addSpecialTokens: false });
console.log(`hf: encodeBatch (all threads): ${(performance.now() - t0).toFixed(0)} ms`);
