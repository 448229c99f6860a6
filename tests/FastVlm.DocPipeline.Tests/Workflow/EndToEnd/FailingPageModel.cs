using System.Security.Cryptography;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>The real model, except that encoding one particular page image (known by its pixels) always throws.</summary>
internal sealed class FailingPageModel(IDocumentVisionModel inner, RgbImage poisoned) : IDocumentVisionModel
{
    private readonly byte[] _poisonedHash = SHA256.HashData(poisoned.Pixels.Span);
    private int _poisonedAttempts;

    public int PoisonedAttempts => _poisonedAttempts;

    public ModelDescriptor Descriptor => inner.Descriptor;

    public Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        if (SHA256.HashData(image.Pixels.Span).AsSpan().SequenceEqual(_poisonedHash))
        {
            Interlocked.Increment(ref _poisonedAttempts);
            throw new InvalidOperationException("simulated out-of-memory on this page");
        }

        return inner.EncodeImageAsync(image, cancellationToken);
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.AskAsync(image, userText, options, cancellationToken);
}
