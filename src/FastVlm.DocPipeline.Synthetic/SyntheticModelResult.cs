namespace FastVlm.DocPipeline.Synthetic;

/// <summary>What <see cref="SyntheticModelGenerator"/> wrote.</summary>
public sealed record SyntheticModelResult(
    string Directory,
    SyntheticModelDimensions Dimensions,
    SyntheticVocabulary Vocabulary,
    IReadOnlyDictionary<string, long> FileSizes,
    TimeSpan Elapsed)
{
    public long TotalBytes => FileSizes.Values.Sum();
}
