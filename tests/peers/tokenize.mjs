// Reference tokenizer for the parity tests: Hugging Face `tokenizers` (Rust, via @anush008/tokenizers).
// usage: node tokenize.mjs TOKENIZER_JSON CORPUS_JSON OUT_JSON
// CORPUS_JSON is an array of strings; OUT_JSON gets {ids, wordIds, decoded, decodedSkipSpecial}, one entry per
// string, encoded without added special tokens (wordIds: the pre-tokenizer piece each id came from).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('@anush008/tokenizers');

const [tokenizerPath, corpusPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node tokenize.mjs TOKENIZER_JSON CORPUS_JSON OUT_JSON');
  process.exit(2);
}

const tokenizer = Tokenizer.fromFile(tokenizerPath);
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));
const ids = [];
const wordIds = [];
const chunk = 512;
for (let i = 0; i < corpus.length; i += chunk) {
  const encodings = await tokenizer.encodeBatch(corpus.slice(i, i + chunk), { addSpecialTokens: false });
  for (const e of encodings) {
    ids.push(Array.from(e.getIds()));
    wordIds.push(Array.from(e.getWordIds(), w => w ?? -1));
  }
}
const decoded = [];
const decodedSkipSpecial = [];
for (let i = 0; i < ids.length; i += chunk) {
  decoded.push(...(await tokenizer.decodeBatch(ids.slice(i, i + chunk), false)));
  decodedSkipSpecial.push(...(await tokenizer.decodeBatch(ids.slice(i, i + chunk), true)));
}
writeFileSync(outPath, JSON.stringify({ ids, wordIds, decoded, decodedSkipSpecial }));
