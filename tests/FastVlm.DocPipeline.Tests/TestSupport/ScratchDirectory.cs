namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>A fresh folder under the temp directory, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
