using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

public sealed class SyntheticModelWriteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-synth-write-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(2_147_483_584)]
    [InlineData(65_600)]
    [InlineData(0)]
    [InlineData(100)]
    public async Task An_image_size_that_would_overflow_or_is_not_a_multiple_of_64_is_refused_before_anything_is_written(int size)
    {
        var output = Path.Combine(_root, "model");

        var generate = () => SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, ImageSize = size, OutputDirectory = output });

        (await generate.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be("model.synthetic_bad_options");
        Directory.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_gives_a_typed_error_and_leaves_no_half_model()
    {
        var blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the model's parent folder should be");
        var output = Path.Combine(blocker, "model");

        var generate = () => SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, OutputDirectory = output });

        (await generate.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be("model.synthetic_write_failed");
        Directory.EnumerateFileSystemEntries(_root).Should().Equal(blocker);
    }

    [Fact]
    public async Task A_model_appears_only_when_complete_and_no_staging_folder_is_left()
    {
        var output = Path.Combine(_root, "model");

        var result = await SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, OutputDirectory = output });

        result.Directory.Should().Be(output);
        File.Exists(Path.Combine(output, "config.json")).Should().BeTrue();
        Directory.EnumerateFiles(Path.Combine(output, "onnx")).Should().HaveCount(3);
        Directory.EnumerateFileSystemEntries(_root).Should().Equal(output);
    }
}
