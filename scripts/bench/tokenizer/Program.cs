// Figures for scripts/bench-tokenizer.sh: tokenizer load/encode and image preprocessing. Prints, asserts nothing.
using System.Diagnostics;
using System.Text.Json;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Model.Tokenization;

string tokPath = args[0]; string corpusPath = args[1];
var sw = Stopwatch.StartNew();
var tok = QwenTokenizer.FromFile(tokPath);
Console.WriteLine($"ours: load {sw.ElapsedMilliseconds} ms");
var corpus = FastVlm.DocPipeline.Tests.Model.Tokenization.TokenizerCorpus.Generate(10_000, 20241124);
FastVlm.DocPipeline.Tests.Model.Tokenization.TokenizerCorpus.WriteJson(corpusPath, corpus);
long chars = corpus.Sum(s => (long)s.Length);
for (int round = 0; round < 3; round++)
{
    sw.Restart(); long n = 0;
    foreach (var s in corpus) n += tok.Encode(s).Length;
    Console.WriteLine($"ours: encode one by one, round {round}: {sw.Elapsed.TotalMilliseconds:F0} ms, {n} tokens, {chars} chars, {n / sw.Elapsed.TotalSeconds / 1e6:F2} M tokens/s");
}
long before = GC.GetAllocatedBytesForCurrentThread();
long tokens = 0; var list = new List<int>(4096);
foreach (var s in corpus) { list.Clear(); tok.Encode(s, list); tokens += list.Count; }
Console.WriteLine($"ours: allocated bytes per token (List overload, warm): {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)tokens:F1}");

var cfg = PreprocessorConfig.Parse("""{ "size": { "shortest_edge": 1024 }, "crop_size": { "height": 1024, "width": 1024 }, "do_center_crop": true, "do_normalize": false, "rescale_factor": 0.00392156862745098, "image_mean": [0,0,0], "image_std": [1,1,1] }""");
var buf = new float[3 * 1024 * 1024];
foreach (var (w, h) in new[] { (1024, 1325), (2550, 3300), (1024, 1024) })
foreach (var mode in new[] { ImageResizeMode.Pad, ImageResizeMode.ShortestEdgeCrop })
{
    var px = new byte[w * h * 3]; new Random(1).NextBytes(px);
    var img = new RgbImage(w, h, px);
    var pre = new ImagePreprocessor(cfg, new ImagePreprocessorOptions { Mode = mode });
    pre.Preprocess(img, buf);
    sw.Restart(); for (int i = 0; i < 5; i++) pre.Preprocess(img, buf);
    Console.WriteLine($"ours: preprocess {w}x{h} {mode}: {sw.Elapsed.TotalMilliseconds / 5:F1} ms");
}
