namespace FastVlm.DocPipeline.Imaging;

/// <summary>What an image header says: format and display size (after EXIF orientation).</summary>
public sealed record ImageHeader(DocumentFormat Format, int Width, int Height, bool IsReoriented);
