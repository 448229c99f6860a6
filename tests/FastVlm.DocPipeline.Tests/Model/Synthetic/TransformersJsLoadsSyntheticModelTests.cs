using System.Text.Json;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>The reference runtime (transformers.js, offline) loads the generated directory and generates from it.</summary>
public class TransformersJsLoadsSyntheticModelTests : IClassFixture<TinySyntheticModelFixture>
{
    private readonly TinySyntheticModelFixture _model;

    public TransformersJsLoadsSyntheticModelTests(TinySyntheticModelFixture model) => _model = model;

    [Fact]
    public async Task Transformers_js_generates_the_requested_number_of_tokens()
    {
        const int newTokens = 6;
        using var result = await LoadModelAsync(_model.Directory, newTokens);

        var root = result.RootElement;
        var rows = _model.Result.Dimensions.ImageSize / 64 * (_model.Result.Dimensions.ImageSize / 64);
        root.GetProperty("imageTokens").GetInt32().Should().Be(rows);
        root.GetProperty("newTokens").GetInt32().Should().Be(newTokens);
        root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())
            .Should().OnlyContain(id => id >= 0 && id < _model.Result.Vocabulary.TokenCount);
    }

    /// <summary>Runs tests/peers/load-model.mjs on <paramref name="modelDirectory"/>; its last output line is the JSON summary.</summary>
    internal static async Task<JsonDocument> LoadModelAsync(string modelDirectory, int maxNewTokens)
    {
        var output = await NodePeer.RunAsync(
            "load-model.mjs",
            [modelDirectory, "--max-new-tokens", maxNewTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(3));
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(lastLine);
    }
}
