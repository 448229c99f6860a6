using FastVlm.DocPipeline.Model.Configuration;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// The prompt part every question shares (system turn, user header, one image token), split around the image
/// token: the encoder's rows replace that token, so the decoder sees <c>Length(imageRows)</c> prefix positions.
/// </summary>
internal sealed class PromptPrefix
{
    private readonly IReadOnlyList<int> _ids;

    private PromptPrefix(IReadOnlyList<int> ids, int imageIndex, int imageTokenId)
    {
        _ids = ids;
        ImageIndex = imageIndex;
        ImageTokenId = imageTokenId;
        TextIds = ids.Where((_, i) => i != imageIndex).Select(id => (long)id).ToArray();
    }

    /// <summary>Position of the image token in the prefix: the number of text ids before the image rows.</summary>
    public int ImageIndex { get; }

    public int ImageTokenId { get; }

    /// <summary>The prefix ids without the image token.</summary>
    public long[] TextIds { get; }

    /// <summary>Decoder positions the prefix covers once <paramref name="imageRows"/> rows replace the image token.</summary>
    public int Length(int imageRows) => TextIds.Length + imageRows;

    /// <summary>Checks that the tokenizer's prefix holds exactly one image token.</summary>
    public static PromptPrefix Create(IPromptTokenizer tokenizer, FastVlmModelConfig config)
    {
        var ids = tokenizer.PrefixIds;
        var imageIndex = -1;
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] != config.Text.ImageTokenId)
            {
                continue;
            }

            if (imageIndex >= 0)
            {
                throw new ModelLoadException(ModelErrorCodes.BadConfig, "The prompt prefix holds more than one image token.", Path.Combine(config.Directory, FastVlmModelConfig.ConfigFile));
            }

            imageIndex = i;
        }

        if (imageIndex < 0)
        {
            throw new ModelLoadException(
                ModelErrorCodes.BadConfig,
                $"The prompt prefix holds no image token {config.Text.ImageTokenId} ('{config.Processor.ImageToken}'): the tokenizer does not know it as an added token, or config.json's image_token_index is wrong.",
                Path.Combine(config.Directory, FastVlmModelConfig.TokenizerFile));
        }

        return new PromptPrefix(ids, imageIndex, config.Text.ImageTokenId);
    }

    /// <summary>The prompt ids in the reference runtime's layout: the image token repeated once per image row, then <paramref name="suffix"/>.</summary>
    public int[] ReferenceIds(int imageRows, IEnumerable<int> suffix) =>
        _ids.Take(ImageIndex)
            .Concat(Enumerable.Repeat(ImageTokenId, imageRows))
            .Concat(_ids.Skip(ImageIndex + 1))
            .Concat(suffix)
            .ToArray();
}
