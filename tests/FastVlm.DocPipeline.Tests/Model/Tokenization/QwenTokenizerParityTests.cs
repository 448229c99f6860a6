using System.Text;
using System.Text.Json;
using FastVlm.DocPipeline.Model.Tokenization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

/// <summary>
/// Our tokenizer against Hugging Face <c>tokenizers</c> (Rust, Node binding) on the real Qwen vocabulary,
/// with the reference ids computed live by the peer in this run.
/// </summary>
public sealed class QwenTokenizerParityTests
{
    private const int CorpusSize = 10_000;

    [Fact]
    public async Task Encodes_and_decodes_a_mixed_corpus_exactly_like_huggingface_tokenizers()
    {
        List<string> corpus = TokenizerCorpus.Generate(CorpusSize, seed: 20241124);
        corpus.Count.Should().BeGreaterThanOrEqualTo(CorpusSize);

        string work = Path.Combine(Path.GetTempPath(), "tokenizer-parity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string corpusPath = Path.Combine(work, "corpus.json");
            string outPath = Path.Combine(work, "reference.json");
            TokenizerCorpus.WriteJson(corpusPath, corpus);
            await NodePeer.RunAsync(
                "tokenize.mjs",
                [FastVlmTokenizerFiles.TokenizerJson, corpusPath, outPath],
                TimeSpan.FromMinutes(3));

            using JsonDocument reference = JsonDocument.Parse(File.ReadAllBytes(outPath));
            JsonElement refIds = reference.RootElement.GetProperty("ids");
            JsonElement refWordIds = reference.RootElement.GetProperty("wordIds");
            JsonElement refDecoded = reference.RootElement.GetProperty("decoded");
            JsonElement refDecodedSkip = reference.RootElement.GetProperty("decodedSkipSpecial");
            refIds.GetArrayLength().Should().Be(corpus.Count);

            QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;
            var idMismatches = new List<string>();
            var splitMismatches = new List<string>();
            var decodeMismatches = new List<string>();
            var ids = new List<int>();
            var wordStarts = new List<bool>();
            int notNfcRoundTrip = 0;
            long totalTokens = 0;
            for (int i = 0; i < corpus.Count; i++)
            {
                string s = corpus[i];
                int[] expected = refIds[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
                int[] actual = tokenizer.Encode(s);
                totalTokens += actual.Length;
                if (!actual.AsSpan().SequenceEqual(expected))
                {
                    idMismatches.Add(
                        $"#{i} \"{TokenizerCorpus.Escape(s)}\"\n  ours: [{string.Join(",", actual)}]\n  hf:   [{string.Join(",", expected)}]");
                    continue;
                }

                // Same ids can still hide a different split (when no merge crosses the boundary): compare the pieces.
                ids.Clear();
                wordStarts.Clear();
                tokenizer.Encode(s, ids, wordStarts);
                int[] hfWords = refWordIds[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
                bool[] hfStarts = hfWords.Select((w, k) => k == 0 || w != hfWords[k - 1]).ToArray();
                if (!ids.SequenceEqual(actual) || !wordStarts.SequenceEqual(hfStarts))
                {
                    splitMismatches.Add(
                        $"#{i} \"{TokenizerCorpus.Escape(s)}\"\n  ours: [{string.Join(",", wordStarts.Select(b => b ? 1 : 0))}]\n  hf:   [{string.Join(",", hfWords)}]");
                }

                string decoded = tokenizer.Decode(actual);
                string hfDecoded = refDecoded[i].GetString()!;
                string decodedSkip = tokenizer.Decode(actual, skipSpecialTokens: true);
                string hfDecodedSkip = refDecodedSkip[i].GetString()!;
                if (decoded != hfDecoded || decodedSkip != hfDecodedSkip)
                {
                    decodeMismatches.Add(
                        $"#{i} \"{TokenizerCorpus.Escape(s)}\"\n  ours: \"{TokenizerCorpus.Escape(decoded)}\" / \"{TokenizerCorpus.Escape(decodedSkip)}\"\n"
                        + $"  hf:   \"{TokenizerCorpus.Escape(hfDecoded)}\" / \"{TokenizerCorpus.Escape(hfDecodedSkip)}\"");
                }

                string expectedText = TokenizerCorpus.Expected(s);
                if (decoded != expectedText)
                {
                    // Only possible where an added token blocks NFC composition across its boundary
                    // (e.g. "<|im_end|>" + U+0338); the reference must agree, which the check above enforces.
                    notNfcRoundTrip++;
                    decoded.Normalize(NormalizationForm.FormC).Should().Be(expectedText, "decoding #{0} must round-trip up to NFC", i);
                }
            }

            idMismatches.Should().BeEmpty(
                "{0} of {1} strings got different ids; first ones:\n{2}",
                idMismatches.Count,
                corpus.Count,
                string.Join("\n", idMismatches.Take(8)));
            splitMismatches.Should().BeEmpty(
                "{0} strings were split into different pieces; first ones:\n{1}",
                splitMismatches.Count,
                string.Join("\n", splitMismatches.Take(8)));
            decodeMismatches.Should().BeEmpty(
                "{0} strings decoded differently; first ones:\n{1}",
                decodeMismatches.Count,
                string.Join("\n", decodeMismatches.Take(8)));
            totalTokens.Should().BeGreaterThan(corpus.Count * 5L, "the corpus must be substantial");
            notNfcRoundTrip.Should().BeLessThan(corpus.Count / 20, "only strings with a combining mark after an added token may differ from NFC(s)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
