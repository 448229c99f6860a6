using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

public sealed class PreprocessorConfigTests
{
    [Fact]
    public void Reads_the_fastvlm_export_settings()
    {
        PreprocessorConfig config = PreprocessorConfig.Parse(ModelConfigFiles.PreprocessorConfig(1024).ToJsonString());

        config.GetImageSize().Should().Be(1024);
        config.ShortestEdge.Should().Be(1024);
        config.DoCenterCrop.Should().BeTrue();
        config.RescaleFactor.Should().Be(0.00392156862745098);
        config.DoNormalize.Should().BeFalse();
        config.ImageMean.Should().Equal(0.0, 0.0, 0.0);
        config.ProcessorClass.Should().Be("LlavaProcessor");
        config.Resample.Should().Be(3);
    }

    [Fact]
    public void Missing_file_and_bad_values_give_typed_errors_naming_the_file()
    {
        string dir = Directory.CreateTempSubdirectory("preprocessor-config-").FullName;
        try
        {
            var missing = () => PreprocessorConfig.FromModelDirectory(dir);
            missing.Should().Throw<ModelLoadException>()
                .Where(e => e.Code == ModelErrorCodes.MissingFile && e.Message.Contains(dir));

            string path = Path.Combine(dir, "preprocessor_config.json");
            foreach (string json in new[]
            {
                "{ \"size\": ",
                "{ \"do_normalize\": true, \"size\": 224 }",
                "{ \"size\": { \"shortest_edge\": -4 } }",
                "{ \"size\": 224, \"image_mean\": [0.5, 0.5] }",
                "{ \"size\": 224, \"rescale_factor\": 0 }",
            })
            {
                File.WriteAllText(path, json);
                var bad = () => PreprocessorConfig.FromFile(path);
                bad.Should().Throw<ModelLoadException>()
                    .Where(e => e.Code == ModelErrorCodes.BadConfig && e.Message.Contains(path) && e.FilePath == path, json);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_non_square_crop_has_no_image_size()
    {
        PreprocessorConfig config = PreprocessorConfig.Parse("{ \"do_center_crop\": true, \"crop_size\": { \"height\": 10, \"width\": 12 } }");

        var act = () => config.GetImageSize();

        act.Should().Throw<ModelLoadException>().Where(e => e.Code == ModelErrorCodes.BadConfig);
    }
}
