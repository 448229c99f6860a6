using FastVlm.DocPipeline.Synthetic.Proto;
using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

public class OnnxModelWriterTests
{
    [Fact]
    public async Task The_streamed_file_parses_as_the_model_the_builder_describes()
    {
        var builder = new OnnxGraphBuilder("g", seed: 5, WeightPrecision.Float16);
        var x = builder.Input("x", builder.IoFloat, "batch_size", 300);
        var w = builder.Weight("w", [300, 7_000], std: 0.1f);
        builder.Output("y", builder.Cast(builder.MatMul(builder.Cast(x, TensorProto.Types.DataType.Float), builder.Reshape(w, 300, -1)), TensorProto.Types.DataType.Float16), builder.IoFloat, "batch_size", 7_000);
        var path = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            var written = await OnnxModelWriter.WriteAsync(builder, path, CancellationToken.None);

            var bytes = await File.ReadAllBytesAsync(path);
            bytes.LongLength.Should().Be(written);
            var model = ModelProto.Parser.ParseFrom(bytes);
            model.IrVersion.Should().Be(OnnxModelWriter.IrVersion);
            model.OpsetImport.Should().ContainSingle().Which.Version.Should().Be(OnnxModelWriter.OpsetVersion);
            model.Graph.Node.Select(n => n.OpType).Should().Equal(builder.Graph.Node.Select(n => n.OpType));
            model.Graph.Input.Should().Equal(builder.Graph.Input);
            model.Graph.Output.Should().Equal(builder.Graph.Output);
            model.Graph.Initializer.Select(t => t.Name).Should().Equal(builder.Initializers.Select(i => i.Meta.Name));
            for (var i = 0; i < builder.Initializers.Count; i++)
            {
                var (meta, data) = builder.Initializers[i];
                using var expected = new MemoryStream();
                data.WriteTo(expected);
                var parsed = model.Graph.Initializer[i];
                parsed.Dims.Should().Equal(meta.Dims);
                parsed.DataType.Should().Be(meta.DataType);
                parsed.RawData.ToByteArray().Should().Equal(expected.ToArray(), meta.Name);
            }
            model.Graph.Initializer.Single(t => t.Name == "w").RawData.Length.Should().Be(300 * 7_000 * 2, "float16 storage");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
